package dev.tandem.proxy.listen;

import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.epoll.Native;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import dev.tandem.proxy.model.UnixSocketAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.AlreadyConnectedException;

/**
 * A stream connection (TCP, or a UNIX socket) on Netty's epoll loop that spends fewer system calls per connection than
 * Netty's {@code EpollSocketChannel}, for the connection-close traffic where every request
 * opens and closes sockets (bench/http RESULTS.md, 2026-12-06: 33 system calls and 8 epoll_ctl
 * per proxied request, against haproxy's 20 and 2). It keeps Netty's reading, writing and
 * half-close logic and changes only the edges of a connection's life:
 * <ul>
 * <li><b>connect</b>: on loopback and on a LAN the handshake is often complete when a
 *     non-blocking connect() returns EINPROGRESS. One getpeername() tells (ENOTCONN while the SYN
 *     is out); the connection is then active at once and the request is written in the same loop
 *     turn, instead of arming EPOLLOUT, waiting for it, checking SO_ERROR and disarming it again
 *     (haproxy 2.6 waits for that EPOLLOUT too, but arms it in the same EPOLL_CTL_ADD);</li>
 * <li><b>addresses</b>: the peer is the address connected to and the local address is looked up
 *     only when something asks (a log format with %bi/%bp), not at every connect;</li>
 * <li><b>close</b>: the descriptor is closed before the epoll registration is cancelled, so the
 *     kernel drops it from the epoll set and no EPOLL_CTL_DEL is needed; and no SO_LINGER lookup
 *     (a lingering close is refused by the config: it would block the loop);</li>
 * <li><b>config</b>: no SO_SNDBUF lookup at construction (Netty sizes its gathering writes from
 *     it; it adapts them to partial writes anyway).</li>
 * </ul>
 * Everything else (the read loop, gathering writes, EPOLLRDHUP and half-closure) is Netty's
 * {@link AbstractEpollStreamChannel}.
 *
 * <p>On a UNIX socket there is no IP address to give: both addresses are a {@link UnixPeer}, the
 * connect reaches a {@link UnixSocketAddress} through {@link SocketSyscalls} (a full-length
 * sockaddr_un, as haproxy's, which Netty's domain socket calls do not write), and no TCP option is
 * set.
 */
public final class LeanSocketChannel extends AbstractEpollStreamChannel implements SocketChannel {

    private final LeanSocketChannelConfig config;
    private volatile InetSocketAddress remote;
    /** A UNIX socket: addresses are {@link UnixPeer}s, connect goes through {@link SocketSyscalls}. */
    private final boolean unix;
    private boolean closing;

    /**
     * The socket family for {@code address}, as haproxy picks it: AF_INET for an IPv4 address.
     * Netty's default is AF_INET6, whose mapped-address sockets cost more per connection (IPv6
     * state to set up and release), for listeners and server connections alike.
     */
    static SocketProtocolFamily familyOf(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
    }

    /** A connection still to be connected, on a socket of {@code family}. */
    public LeanSocketChannel(SocketProtocolFamily family) {
        this(LinuxSocket.newSocketStream(family), false);
    }

    private LeanSocketChannel(LinuxSocket socket, boolean unix) {
        super(socket, false);
        config = new LeanSocketChannelConfig(this);
        this.unix = unix;
        keepInTheEpollSet();
    }

    /** A connection still to be connected to a {@link UnixSocketAddress}. */
    public static LeanSocketChannel unix() {
        return new LeanSocketChannel(LinuxSocket.newSocketDomain(), true);
    }

    /** An accepted connection from {@code peer}: an IP client, or a {@link UnixPeer} for a UNIX socket's. */
    LeanSocketChannel(ServerSocketChannel parent, int fd, InetSocketAddress peer) {
        super(parent, fd);
        config = new LeanSocketChannelConfig(this);
        remote = peer;
        unix = UnixPeer.is(peer);
        keepInTheEpollSet();
    }

    /**
     * EPOLLERR in the interest set (epoll reports it whether asked or not, so no event changes)
     * keeps the set from ever becoming empty. Netty 4.2.18 answers an empty set with
     * EPOLL_CTL_DEL but keeps the registration marked as added, so the next EPOLL_CTL_MOD fails
     * with ENOENT and the writes still queued are failed: that lost bytes queued towards a peer
     * that had half-closed (it had cleared EPOLLRDHUP, and EPOLLIN was off while it waited).
     * Before registration this changes only the flags the first EPOLL_CTL_ADD will carry.
     */
    private void keepInTheEpollSet() {
        interestBeforeRegistration(Native.EPOLLERR);
    }

    /** Before registration Netty's setFlag only records the flag: no system call, so no IOException in fact. */
    private void interestBeforeRegistration(int flag) {
        SocketCall.run(() -> {
            setFlag(flag);
            return null;
        });
    }

    /**
     * Arms EPOLLIN before registration, saving the EPOLL_CTL_MOD of the first read(): only for a
     * channel whose handlers call read() as soon as it is active (an armed read delivers what
     * arrives whether or not read() was called).
     */
    void armReadBeforeRegistration() {
        if (isRegistered()) {
            throw new IllegalStateException("already registered");
        }
        interestBeforeRegistration(Native.EPOLLIN);
    }

    @Override
    protected boolean doConnect(SocketAddress remoteAddress, SocketAddress localAddress) throws Exception {
        if (remote != null) {
            throw new AlreadyConnectedException();
        }
        boolean success = false;
        try {
            if (unix) {
                connectUnix((UnixSocketAddress) remoteAddress);
                success = true;
                return true;
            }
            InetSocketAddress to = (InetSocketAddress) remoteAddress;
            if (localAddress != null) {
                socket.bind(localAddress);
            }
            boolean connected = socket.connect(to);
            if (!connected) {
                // getpeername() fails with ENOTCONN while the SYN is still out
                connected = socket.remoteAddress() != null;
            }
            if (!connected) {
                setFlag(Native.EPOLLOUT);
            }
            remote = to;
            success = true;
            return connected;
        } finally {
            if (!success) {
                doClose();
            }
        }
    }

    /** A UNIX connect completes at once or fails (SocketSyscalls.connect): never in progress. */
    private void connectUnix(UnixSocketAddress to) throws IOException {
        try {
            SocketSyscalls.connect(socket.intValue(), to);
        } catch (SocketSyscalls.Failure e) {
            // worded as Netty words its own connect failures
            throw new ConnectException("connect(..) failed: " + e.getMessage());
        }
        remote = UnixPeer.SERVER;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    protected SocketAddress localAddress0() {
        if (unix) {
            // getsockname() of a UNIX socket is no IP address; the peer stands for both ends
            return remote;
        }
        // an accepted connection's was read at construction; an outgoing one's is looked up when
        // first asked for (AbstractChannel caches what this returns)
        SocketAddress known = super.localAddress0();
        if (known != null) {
            return known;
        }
        return socket.isOpen() ? socket.localAddress() : null;
    }

    @Override
    protected void doClose() throws Exception {
        closing = true;
        super.doClose();
    }

    @Override
    protected void doDeregister() throws Exception {
        if (closing) {
            // the kernel removes a closed descriptor from the epoll set; Netty's registration sees
            // the descriptor closed and skips its EPOLL_CTL_DEL
            socket.close();
        }
        super.doDeregister();
    }

    @Override
    public LeanSocketChannelConfig config() {
        return config;
    }

    @Override
    public ServerSocketChannel parent() {
        return (ServerSocketChannel) super.parent();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) super.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) super.remoteAddress();
    }
}
