package dev.tandem.proxy.listen;

import dev.tandem.proxy.model.Bind;
import dev.tandem.proxy.model.InheritedFd;
import dev.tandem.proxy.model.UnixSocketAddress;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * One bound listening socket. Binding failures carry haproxy's message (haproxy.md §1.2):
 * {@code Binding [file:line] for proxy X: cannot bind socket (reason) for [addr:port]}.
 */
public final class Listener {

    /** The listen(2) backlog of every socket Tandem listens on. */
    private static final int BACKLOG = 1024;

    private final Bind bind;
    private final Channel channel;

    private Listener(Bind bind, Channel channel) {
        this.bind = bind;
        this.channel = channel;
    }

    public Bind bind() {
        return bind;
    }

    public Channel channel() {
        return channel;
    }

    /** The IP address and port the listener accepts on; a {@link UnixPeer} for a UNIX socket listener. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting (connections wait in the kernel backlog) or resumes: maxconn pauses, never refuses. */
    public void accepting(boolean on) {
        if (channel.config().isAutoRead() == on) {
            return;
        }
        // on the listener's own loop the change is immediate; from another loop Netty would still
        // honour one armed accept batch
        channel.eventLoop().execute(() -> {
            if (channel.config().isAutoRead() != on) {
                channel.config().setAutoRead(on);
            }
        });
    }

    /**
     * Binds (an IP address, or a UNIX socket made as {@link UnixListeningSocket} says), or adopts an
     * inherited socket ({@link InheritedFd}); on failure throws {@link BindException} with the
     * haproxy-style message.
     * {@code transparent} sets IP_TRANSPARENT and IP_FREEBIND so the bind succeeds without
     * CAP_NET_ADMIN too (haproxy's sock_inet4_make_foreign order, haproxy.md §1.4).
     * {@code childReadsAtOnce}: every accepted connection's handlers call read() as soon as it is
     * active, so its first epoll registration can carry EPOLLIN ({@link LeanServerSocketChannel}).
     */
    public static Listener open(Bind bind, String proxy, EventLoopGroup group, boolean childReadsAtOnce,
            ChannelInitializer<SocketChannel> init) throws BindException {
        if (bind.address() instanceof InheritedFd fd) {
            return adopt(bind, fd, proxy, group, childReadsAtOnce, init);
        }
        if (bind.address() instanceof UnixSocketAddress unix) {
            checkUnixId(bind, proxy);
            int fd;
            try {
                fd = UnixListeningSocket.open(unix, bind.unix(), BACKLOG);
            } catch (UnixListeningSocket.Refused e) {
                throw new BindException("Binding [" + bind.source() + "] for proxy " + proxy + ": " + e.getMessage());
            }
            return serve(bind, proxy, group, fd, true, childReadsAtOnce, init);
        }
        InetSocketAddress address = (InetSocketAddress) bind.address();
        SocketProtocolFamily family = LeanSocketChannel.familyOf(address);
        ServerBootstrap b = new ServerBootstrap().group(group)
                .channelFactory(() -> new LeanServerSocketChannel(family, childReadsAtOnce))
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(init);
        boolean v6any = address.getAddress() instanceof Inet6Address && address.getAddress().isAnyLocalAddress();
        if (bind.transparent()) {
            b.option(EpollChannelOption.IP_FREEBIND, true);
            if (canUseTransparent()) {
                b.option(EpollChannelOption.IP_TRANSPARENT, true);
            }
        }
        if (v6any && bind.v6only() == Bind.V6Only.V6ONLY) {
            b.handler(new V6Only());
        }
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new BindException(message(bind, proxy, f.cause()));
        }
        return new Listener(bind, f.channel());
    }

    /**
     * {@code bind fd@<n>}: serves on a socket the process inherited (configuration.txt §2.9.1), as
     * haproxy does: checked as its parser checks it, made non-blocking, listened on when the
     * launcher did not, and registered without a bind or any option set. An IP socket serves as
     * one, a UNIX socket as one. Closing the listener closes the descriptor, as haproxy's stop does.
     */
    private static Listener adopt(Bind bind, InheritedFd fd, String proxy, EventLoopGroup group,
            boolean childReadsAtOnce, ChannelInitializer<SocketChannel> init) throws BindException {
        InheritedSocket socket;
        try {
            socket = InheritedSocket.inspect(fd.fd());
        } catch (InheritedSocket.Unusable e) {
            throw new BindException("parsing [" + bind.source() + "] : 'bind' : " + e.getMessage());
        }
        if (!socket.isInet() && !socket.isUnix()) {
            throw new BindException("Binding [" + bind.source() + "] for proxy " + proxy + ": " + fd
                    + " is neither an IP nor a UNIX socket (address family " + socket.family() + ")");
        }
        if (socket.isUnix()) {
            checkUnixId(bind, proxy);
        }
        try {
            socket.serve(BACKLOG);
        } catch (SocketSyscalls.Failure e) {
            throw new BindException("Binding [" + bind.source() + "] for proxy " + proxy + ": cannot listen to socket ("
                    + e.getMessage() + ") for [" + fd + "]");
        }
        return serve(bind, proxy, group, fd.fd(), socket.isUnix(), childReadsAtOnce, init);
    }

    /** A UNIX socket listener's id is its clients' port in logs ({@link UnixPeer}): it must fit one. */
    private static void checkUnixId(Bind bind, String proxy) throws BindException {
        if (bind.id() < 1 || bind.id() > UnixPeer.MAX_LISTENER_ID) {
            throw new BindException("Binding [" + bind.source() + "] for proxy " + proxy + ": a UNIX socket listener's "
                    + "id must be between 1 and " + UnixPeer.MAX_LISTENER_ID + " (it is logged as its clients' port)");
        }
    }

    /** Registers a socket that already listens; its connections are UNIX socket ones when {@code unix}. */
    private static Listener serve(Bind bind, String proxy, EventLoopGroup group, int fd, boolean unix,
            boolean childReadsAtOnce, ChannelInitializer<SocketChannel> init) throws BindException {
        ServerBootstrap b = new ServerBootstrap().group(group)
                .channelFactory(() -> new LeanServerSocketChannel(LinuxSocket.newSocket(fd), childReadsAtOnce,
                        unix ? bind.id() : 0))
                .childHandler(init);
        ChannelFuture f = b.register().awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new BindException(message(bind, proxy, f.cause()));
        }
        return new Listener(bind, f.channel());
    }

    /** IP_TRANSPARENT needs CAP_NET_ADMIN; without it haproxy falls back to IP_FREEBIND silently. */
    private static boolean canUseTransparent() {
        return "root".equals(System.getProperty("user.name"));
    }

    static String message(Bind bind, String proxy, Throwable cause) {
        String reason = cause == null ? "unknown error" : cause.getMessage();
        if (reason == null) {
            reason = cause.getClass().getSimpleName();
        }
        int colon = reason.lastIndexOf(": ");
        if (colon >= 0) {
            reason = reason.substring(colon + 2);
        }
        return "Binding [" + bind.source() + "] for proxy " + proxy + ": cannot bind socket (" + reason + ") for ["
                + (bind.address() instanceof InetSocketAddress a ? addressText(a) : bind.address()) + "]";
    }

    /** haproxy prints IPv6 listeners without brackets, port after the last colon. */
    static String addressText(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        int pct = host.indexOf('%');
        host = pct >= 0 ? host.substring(0, pct) : host;
        return dev.tandem.proxy.rules.Fetches.compressIpv6(host) + ":" + a.getPort();
    }

    public void close() {
        channel.close().awaitUninterruptibly();
    }

    /** Thrown when a socket cannot be bound; the message is haproxy's. */
    public static final class BindException extends Exception {
        public BindException(String message) {
            super(message);
        }
    }

    /** Sets IPV6_V6ONLY before bind: Netty 4.2.18 has no option for it (java.md §2.2). */
    private static final class V6Only extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel() instanceof LeanServerSocketChannel ch) {
                try {
                    SocketSyscalls.setIpv6Only(ch.fd().intValue());
                } catch (SocketSyscalls.Failure e) {
                    throw new IllegalStateException("setsockopt(IPV6_V6ONLY) failed: " + e.getMessage(), e);
                }
            }
            ctx.pipeline().remove(this);
        }
    }
}
