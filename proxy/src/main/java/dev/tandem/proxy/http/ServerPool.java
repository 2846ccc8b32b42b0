package dev.tandem.proxy.http;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idle server connections of one event loop, per server address ("http-reuse safe": a session's
 * first request opens its own connection, later ones may take an idle one). Touched only from its
 * loop, so it needs no locking (Zuul's per-loop pool, java.md §2.4).
 */
final class ServerPool {

    /** Idle connections kept per server and loop; beyond this they are closed. */
    static final int MAX_IDLE_PER_SERVER = 64;

    private final Map<InetSocketAddress, ArrayDeque<ServerLink>> idle = new HashMap<>();

    ServerLink poll(InetSocketAddress server) {
        ArrayDeque<ServerLink> q = idle.get(server);
        while (q != null && !q.isEmpty()) {
            ServerLink l = q.pollLast();
            if (l.channel().isActive()) {
                return l;
            }
        }
        return null;
    }

    void offer(ServerLink link) {
        ArrayDeque<ServerLink> q = idle.computeIfAbsent(link.address(), a -> new ArrayDeque<>());
        if (q.size() >= MAX_IDLE_PER_SERVER || !link.channel().isActive()) {
            link.channel().close();
            return;
        }
        link.detach();
        q.addLast(link);
    }

    void remove(ServerLink link) {
        ArrayDeque<ServerLink> q = idle.get(link.address());
        if (q != null) {
            q.remove(link);
        }
    }

    int idleCount() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}
