package dev.tandem.proxy.http;

import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Idle server connections of one event loop, per server address ("http-reuse safe": a session's
 * first request opens its own connection, later ones may take an idle one). A TLS connection is
 * only reused for the same server_name it was opened with, as haproxy keys idle connections on
 * the SNI. Touched only from its loop, so it needs no locking (Zuul's per-loop pool, java.md §2.4).
 */
final class ServerPool {

    /** Idle connections kept per server and loop; beyond this they are closed. */
    static final int MAX_IDLE_PER_SERVER = 64;

    /** What makes two server connections interchangeable; sni is null for clear text and for TLS without SNI. */
    record Key(SocketAddress address, boolean tls, String sni) {}

    private final Map<Key, ArrayDeque<ServerLink>> idle = new HashMap<>();

    ServerLink poll(Key key) {
        ArrayDeque<ServerLink> q = idle.get(key);
        while (q != null && !q.isEmpty()) {
            ServerLink l = q.pollLast();
            if (l.channel().isActive()) {
                return l;
            }
        }
        return null;
    }

    void offer(ServerLink link) {
        ArrayDeque<ServerLink> q = idle.computeIfAbsent(link.key(), a -> new ArrayDeque<>());
        if (q.size() >= MAX_IDLE_PER_SERVER || !link.channel().isActive()) {
            link.channel().close();
            return;
        }
        link.detach();
        q.addLast(link);
        // kept readable while idle: any input or close retires it (ServerLink), and the interest is
        // not cleared now to be set again by the next request that takes it
        link.channel().read();
    }

    /** Stopping: every idle connection is closed. */
    void closeAll() {
        List<ServerLink> all = idle.values().stream().flatMap(ArrayDeque::stream).toList();
        idle.clear();
        all.forEach(l -> l.channel().close());
    }

    void remove(ServerLink link) {
        ArrayDeque<ServerLink> q = idle.get(link.key());
        if (q != null) {
            q.remove(link);
        }
    }

    int idleCount() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}
