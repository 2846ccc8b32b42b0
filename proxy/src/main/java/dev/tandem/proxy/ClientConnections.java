package dev.tandem.proxy;

import dev.tandem.proxy.runtime.Await;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client connections a proxy has open, so that stopping can close what is left of them on
 * their own event loops while the loops still run. Netty 4.2.18's group shutdown cannot be
 * trusted with it: a loop that is busy with a task when the shutdown starts stops without closing
 * the channels still registered on it (measured: ProxyServerCloseTest), which left their sockets
 * open and the buffers of their sessions unreleased (an HTTP/2 stream waiting for window kept its
 * queued DATA; CI's leak detector found it).
 */
final class ClientConnections {

    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    /** One listener for all connections: nothing allocated per connection beyond the set entry. */
    private final ChannelFutureListener forget = f -> open.remove(f.channel());

    void add(Channel ch) {
        open.add(ch);
        ch.closeFuture().addListener(forget);
    }

    /**
     * Closes every connection at once on its loop, as haproxy's hard stop does: no GOAWAY and no
     * wait for HTTP/2 streams to end, no TLS close_notify. The sessions then end as they do when
     * a client goes away: their server connections are closed and their buffers released. Waits
     * at most {@code wait} in all for the loops to have done it (a loop may be busy).
     */
    void closeAll(Duration wait) {
        List<Future<?>> pending = new ArrayList<>();
        for (Channel ch : open) {
            pending.add(ch.eventLoop().submit(() -> ch.unsafe().close(ch.unsafe().voidPromise())));
        }
        Await.all(pending, wait);
    }
}
