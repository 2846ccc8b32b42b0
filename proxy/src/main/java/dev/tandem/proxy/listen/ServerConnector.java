package dev.tandem.proxy.listen;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.internal.PlatformDependent;
import dev.tandem.proxy.model.UnixSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Consumer;

/**
 * Opens one server connection on a client connection's event loop: what a Netty Bootstrap does,
 * without its per-connection cost. Connection-close traffic opens one server connection per
 * request, and the profile of that cell showed the Bootstrap (options map, resolver lookup,
 * ChannelInitializer added then removed, the connect deferred to a task) and three avoidable
 * syscalls per connection: TCP_NODELAY set twice (Netty's socket config already enables it) and
 * IPV6_V6ONLY cleared on a dual-stack socket used for an IPv4 server.
 */
public final class ServerConnector {

    private ServerConnector() {
    }

    /**
     * A connection to {@code to} (an IP address and port, or a {@link UnixSocketAddress}) on
     * {@code client}'s loop, auto-read off, TCP_NODELAY on over TCP. The handlers are installed
     * before registration (their handlerAdded runs at registration, as with an initializer). The
     * future fails, and the channel closes, when the connect does.
     */
    public static ChannelFuture open(Channel client, SocketAddress to, long connectTimeoutMillis,
            boolean halfClosure, Consumer<ChannelPipeline> handlers) {
        Channel ch = newChannel(client, to);
        ChannelConfig c = ch.config();
        c.setAutoRead(false);
        if (ch instanceof LeanSocketChannel lean) {
            // both sessions read from a server as soon as it is connected (HTTP after writing the
            // request head, TCP at once): the first epoll registration can carry EPOLLIN
            lean.armReadBeforeRegistration();
        }
        // the lean channel sets nothing at construction; Nio's config may already have it on
        if (to instanceof InetSocketAddress
                && (ch instanceof LeanSocketChannel || !PlatformDependent.canEnableTcpNoDelayByDefault())) {
            c.setOption(ChannelOption.TCP_NODELAY, true);
        }
        if (halfClosure) {
            c.setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        if (connectTimeoutMillis > 0) {
            c.setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis));
        }
        handlers.accept(ch.pipeline());
        ChannelPromise connected = ch.newPromise();
        connected.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        client.eventLoop().register(ch).addListener((ChannelFutureListener) r -> {
            if (!r.isSuccess()) {
                if (ch.isRegistered()) {
                    ch.close();
                } else {
                    ch.unsafe().closeForcibly();
                }
                connected.tryFailure(r.cause());
                return;
            }
            ch.connect(to, connected);
        });
        return connected;
    }

    /**
     * The client's transport (an HTTP/2 stream's is its connection's); for epoll a
     * {@link LeanSocketChannel}, on an AF_INET socket when the server is IPv4 (no dual-stack setup).
     */
    private static Channel newChannel(Channel client, SocketAddress to) {
        Channel connection = client.parent() != null && !(client instanceof AbstractEpollStreamChannel)
                && !(client instanceof NioSocketChannel) ? client.parent() : client;
        if (to instanceof UnixSocketAddress) {
            return LeanSocketChannel.unix();
        }
        if (connection instanceof AbstractEpollStreamChannel) {
            return new LeanSocketChannel(LeanSocketChannel.familyOf((InetSocketAddress) to));
        }
        return new NioSocketChannel();
    }

    /** The server's port for a TLS session (its cache key), 0 for a UNIX socket. */
    public static int port(SocketAddress server) {
        return server instanceof InetSocketAddress a ? a.getPort() : 0;
    }

    /** %si: the server's IP, or "unix" for a UNIX socket as haproxy logs it (tools.c addr_to_str). */
    public static String hostText(SocketAddress server) {
        return server instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : server == null ? null : "unix";
    }

    /** %sp: the server's port, 0 for a UNIX socket (haproxy's get_host_port of an AF_UNIX address). */
    public static String portText(SocketAddress server) {
        return server == null ? null : Integer.toString(port(server));
    }
}
