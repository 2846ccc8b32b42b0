package dev.tandem.proxy.listen;

import io.netty.channel.Channel;
import io.netty.channel.epoll.AbstractEpollServerChannel;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.epoll.Native;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.NativeInetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A listening socket whose accepted connections are {@link LeanSocketChannel}s, set up in the
 * accept loop itself: auto-read off, half-closure allowed, TCP_NODELAY on, and EPOLLIN armed
 * before registration when the frontend's first handler reads at once (HTTP frontends). Netty's
 * EpollServerSocketChannel makes EpollSocketChannels and cannot be told otherwise.
 */
public final class LeanServerSocketChannel extends AbstractEpollServerChannel implements ServerSocketChannel {

    private final LeanServerSocketChannelConfig config;
    private final boolean childReadsAtOnce;
    /** For a UNIX socket listener, the addresses its connections show ({@link UnixPeer}); null for TCP. */
    private final InetSocketAddress unixPeer;

    /**
     * A listener on a socket of {@code family}; {@code childReadsAtOnce} when every accepted
     * connection's handlers call read() as soon as it is active.
     */
    public LeanServerSocketChannel(SocketProtocolFamily family, boolean childReadsAtOnce) {
        super(LinuxSocket.newSocketStream(family), false);
        this.config = new LeanServerSocketChannelConfig(this);
        this.childReadsAtOnce = childReadsAtOnce;
        this.unixPeer = null;
    }

    /**
     * A listener on a socket that is already listening (an inherited {@code fd@}, or a UNIX socket
     * made by {@link UnixListeningSocket}): active from the start, its first epoll registration
     * carries EPOLLIN as after a bind.
     *
     * @param unixListenerId for a UNIX socket, the listener's id its connections show; 0 for TCP
     */
    LeanServerSocketChannel(LinuxSocket listening, boolean childReadsAtOnce, int unixListenerId) {
        super(listening, true);
        this.config = new LeanServerSocketChannelConfig(this);
        this.childReadsAtOnce = childReadsAtOnce;
        this.unixPeer = unixListenerId > 0 ? UnixPeer.of(unixListenerId) : null;
        SocketCall.run(() -> {
            setFlag(Native.EPOLLIN); // before registration: recorded only, no system call
            return null;
        });
    }

    @Override
    protected void doBind(SocketAddress local) throws Exception {
        super.doBind(local);
        socket.listen(config.getBacklog());
        active = true;
        // the first interest set submitted is the listener's epoll registration (EPOLL_CTL_ADD)
        setFlag(Native.EPOLLIN);
    }

    @Override
    protected Channel newChildChannel(int fd, byte[] address, int offset, int len) throws Exception {
        // accept() fills no IP address for a UNIX client
        LeanSocketChannel child = new LeanSocketChannel(this, fd,
                unixPeer != null ? unixPeer : NativeInetAddress.address(address, offset, len));
        LeanSocketChannelConfig c = child.config();
        c.setAutoRead(false);
        c.setAllowHalfClosure(true);
        if (unixPeer == null) {
            c.setTcpNoDelay(true);
        }
        if (childReadsAtOnce) {
            child.armReadBeforeRegistration();
        }
        return child;
    }

    @Override
    public LeanServerSocketChannelConfig config() {
        return config;
    }

    @Override
    protected SocketAddress localAddress0() {
        // getsockname() of a UNIX socket is no IP address
        return unixPeer != null ? unixPeer : super.localAddress0();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) super.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return null;
    }
}
