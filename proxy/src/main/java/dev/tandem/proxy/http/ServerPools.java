package dev.tandem.proxy.http;

import dev.tandem.proxy.runtime.Await;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The idle server connections of one proxy: a {@link ServerPool} per event loop, shared by its HTTP frontends. */
public final class ServerPools {

    private final Map<EventLoop, ServerPool> byLoop = new ConcurrentHashMap<>();

    ServerPool of(EventLoop loop) {
        return byLoop.computeIfAbsent(loop, l -> new ServerPool());
    }

    /**
     * Closes every idle connection on its own loop, waiting at most {@code wait} in all. For stopping:
     * done while the loops still run, as a loop's own shutdown may leave its channels open
     * (ClientConnections says why).
     */
    public void closeAll(Duration wait) {
        List<Future<?>> pending = new ArrayList<>();
        byLoop.forEach((loop, pool) -> pending.add(loop.submit(pool::closeAll)));
        Await.all(pending, wait);
    }
}
