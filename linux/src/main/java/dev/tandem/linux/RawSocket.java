package dev.tandem.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A raw IPv4 or IPv6 socket for one IP protocol (112 for VRRP) on one interface, opened the way keepalived
 * opens its receive and send sockets (keepalived.md §3.1, {@code vrrp.c open_vrrp_read_socket /
 * open_vrrp_send_socket}). The fd is non-blocking; {@link #receive} waits with poll(2) and can be interrupted
 * from another thread with {@link #wakeup()}.
 *
 * <p>Threading: calls are serialised on the socket; {@link #wakeup()} and {@link #close()} may come from any
 * thread and end a blocked receive. FFM calls pin a virtual thread's carrier, so run the receive loop on a
 * platform thread.
 */
public final class RawSocket implements AutoCloseable {
    /** IANA protocol number of VRRP (RFC 3768 §5.2.4, RFC 5798 §5.1.1.4). */
    public static final int IPPROTO_VRRP = 112;
    /** VRRP's IPv4 group (RFC 3768 §5.2.2, RFC 5798 §5.1.1.2). */
    public static final InetAddress VRRP_GROUP_V4 = InetAddress.ofLiteral("224.0.0.18");
    /** VRRP's IPv6 group (RFC 5798 §5.1.2.2). */
    public static final InetAddress VRRP_GROUP_V6 = InetAddress.ofLiteral("ff02::12");

    private static final int BUFFER_SIZE = 65536;
    private static final int CONTROL_SIZE = 256;
    private static final int NAME_SIZE = 128;

    private final int fd;
    private final int family;
    private final Interface nic;
    private final int protocol;
    private final InetAddress source;
    private final SendOptions sendOptions;
    private final Wakeup wakeup;
    private final Arena arena;
    private final MemorySegment buffer;
    private final MemorySegment control;
    private final MemorySegment name;
    private final MemorySegment iov;
    private final MemorySegment msghdr;
    private boolean closed;

    /**
     * How a sender builds the IP layer.
     *
     * @param ttl            TTL / hop limit; VRRP requires 255 (RFC 5798 §5.1.1.3)
     * @param tos            IPv4 TOS or IPv6 traffic class; keepalived uses 0xc0 (network control)
     * @param headerIncluded IPv4 only: write the header in Java with IP_HDRINCL, as keepalived does, instead of
     *                       IP_TOS + IP_MULTICAST_TTL
     */
    public record SendOptions(int ttl, int tos, boolean headerIncluded) {
        /** keepalived's send socket: IP_HDRINCL, tos 0xc0, ttl 255. */
        public static final SendOptions KEEPALIVED = new SendOptions(255, 0xc0, true);

        public SendOptions {
            if (ttl < 1 || ttl > 255 || tos < 0 || tos > 255) {
                throw new IllegalArgumentException("ttl must be 1-255 and tos 0-255, got ttl " + ttl + " tos " + tos);
            }
        }
    }

    private RawSocket(int fd, int family, Interface nic, int protocol, InetAddress source, SendOptions sendOptions)
            throws LinuxException {
        this.fd = fd;
        this.family = family;
        this.nic = nic;
        this.protocol = protocol;
        this.source = source;
        this.sendOptions = sendOptions;
        this.wakeup = new Wakeup();
        this.arena = Arena.ofShared();
        this.buffer = arena.allocate(BUFFER_SIZE, 8);
        this.control = arena.allocate(CONTROL_SIZE, 8);
        this.name = arena.allocate(NAME_SIZE, 8);
        this.iov = arena.allocate(Structs.IOVEC);
        this.msghdr = arena.allocate(Structs.MSGHDR);
    }

    /**
     * Joins {@code group} (224.0.0.18 or ff02::12) on {@code nic} and receives only datagrams sent to it: the
     * socket is bound to the group so unicast adverts do not arrive here (keepalived.md §3.1).
     */
    public static RawSocket openMulticastReceiver(Interface nic, InetAddress group, int protocol)
            throws LinuxException {
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException(group.getHostAddress() + " is not a multicast group");
        }
        return openReceiver(nic, group, protocol, true);
    }

    /** Receives datagrams sent to {@code localAddress} (keepalived's unicast_src_ip) on {@code nic}. */
    public static RawSocket openUnicastReceiver(Interface nic, InetAddress localAddress, int protocol)
            throws LinuxException {
        return openReceiver(nic, localAddress, protocol, false);
    }

    /**
     * A socket that sends {@code protocol} datagrams out of {@code nic}, to a multicast group or to unicast
     * peers. {@code source} (same family, or null to let the kernel choose) is the sender address: the IPv4
     * primary address or the IPv6 link-local one. Multicast loopback is off, so the host never hears itself.
     */
    public static RawSocket openSender(Interface nic, IpFamily family, InetAddress source, int protocol,
            SendOptions options) throws LinuxException {
        Objects.requireNonNull(options, "options");
        if (source != null && IpFamily.of(source) != family) {
            throw new IllegalArgumentException("source " + source.getHostAddress() + " is not " + family);
        }
        int fd = openRaw(family.af(), protocol);
        try {
            RawSocket socket = new RawSocket(fd, family.af(), nic, protocol, source, options);
            socket.configureSender(family == IpFamily.IPV6);
            return socket;
        } catch (LinuxException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    private static RawSocket openReceiver(Interface nic, InetAddress bindAddress, int protocol, boolean join)
            throws LinuxException {
        int family = Sockaddr.family(bindAddress);
        int fd = openRaw(family, protocol);
        try {
            RawSocket socket = new RawSocket(fd, family, nic, protocol, null, null);
            socket.configureReceiver(bindAddress, join);
            return socket;
        } catch (LinuxException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    private static int openRaw(int family, int protocol) throws LinuxException {
        return Syscalls.socket("socket(" + (family == Sockopt.AF_INET ? "AF_INET" : "AF_INET6") + ", SOCK_RAW, "
                        + protocol + ")", Capability.CAP_NET_RAW, family,
                Sockopt.SOCK_RAW | Sockopt.SOCK_NONBLOCK | Sockopt.SOCK_CLOEXEC, protocol);
    }

    private void configureReceiver(InetAddress bindAddress, boolean join) throws LinuxException {
        try (Arena local = Arena.ofConfined()) {
            if (family == Sockopt.AF_INET) {
                // Without IP_MULTICAST_ALL=0 a socket receives every group any socket on the host joined.
                setInt(Sockopt.IPPROTO_IP, Sockopt.IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
                setInt(Sockopt.IPPROTO_IP, Sockopt.IP_PKTINFO, 1, "IP_PKTINFO");
                if (join) {
                    Syscalls.setsockopt(fd, Sockopt.IPPROTO_IP, Sockopt.IP_ADD_MEMBERSHIP,
                            ipMreqn(local, (Inet4Address) bindAddress), "IP_ADD_MEMBERSHIP", Capability.NONE);
                }
            } else {
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_MULTICAST_ALL, 0, "IPV6_MULTICAST_ALL");
                if (join) {
                    MemorySegment mreq = local.allocate(Structs.IPV6_MREQ);
                    MemorySegment.copy(bindAddress.getAddress(), 0, mreq, JAVA_BYTE, 0, 16);
                    mreq.set(JAVA_INT, Structs.offset(Structs.IPV6_MREQ, "ipv6mr_interface"), nic.index());
                    Syscalls.setsockopt(fd, Sockopt.IPPROTO_IPV6, Sockopt.IPV6_ADD_MEMBERSHIP, mreq,
                            "IPV6_ADD_MEMBERSHIP", Capability.NONE);
                }
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_RECVTCLASS, 1, "IPV6_RECVTCLASS");
                // The kernel verifies the checksum at offset 6 and drops bad datagrams (keepalived.md §3.1).
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_CHECKSUM, 6, "IPV6_CHECKSUM");
            }
            Syscalls.bind(fd, Sockaddr.of(local, bindAddress, Sockaddr.needsScope(bindAddress) ? nic.index() : 0),
                    "bind(" + bindAddress.getHostAddress() + ")", Capability.NONE);
            bindToDevice();
        }
    }

    private void configureSender(boolean v6) throws LinuxException {
        try (Arena local = Arena.ofConfined()) {
            dropEverythingReceived(local);
            if (!v6) {
                setInt(Sockopt.IPPROTO_IP, Sockopt.IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
                if (sendOptions.headerIncluded()) {
                    setInt(Sockopt.IPPROTO_IP, Sockopt.IP_HDRINCL, 1, "IP_HDRINCL");
                } else {
                    setInt(Sockopt.IPPROTO_IP, Sockopt.IP_TOS, sendOptions.tos(), "IP_TOS");
                    setInt(Sockopt.IPPROTO_IP, Sockopt.IP_TTL, sendOptions.ttl(), "IP_TTL");
                    // The multicast TTL defaults to 1; VRRP receivers drop anything below 255.
                    setInt(Sockopt.IPPROTO_IP, Sockopt.IP_MULTICAST_TTL, sendOptions.ttl(), "IP_MULTICAST_TTL");
                    if (source != null) {
                        Syscalls.bind(fd, Sockaddr.of(local, source, 0), "bind(" + source.getHostAddress() + ")",
                                Capability.NONE);
                    }
                }
                MemorySegment mreqn = local.allocate(Structs.IP_MREQN);
                mreqn.set(JAVA_INT, Structs.offset(Structs.IP_MREQN, "imr_ifindex"), nic.index());
                Syscalls.setsockopt(fd, Sockopt.IPPROTO_IP, Sockopt.IP_MULTICAST_IF, mreqn, "IP_MULTICAST_IF",
                        Capability.NONE);
                setInt(Sockopt.IPPROTO_IP, Sockopt.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
            } else {
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_MULTICAST_ALL, 0, "IPV6_MULTICAST_ALL");
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_CHECKSUM, 6, "IPV6_CHECKSUM");
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_MULTICAST_HOPS, sendOptions.ttl(), "IPV6_MULTICAST_HOPS");
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_UNICAST_HOPS, sendOptions.ttl(), "IPV6_UNICAST_HOPS");
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_MULTICAST_IF, nic.index(), "IPV6_MULTICAST_IF");
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
                setInt(Sockopt.IPPROTO_IPV6, Sockopt.IPV6_TCLASS, sendOptions.tos(), "IPV6_TCLASS");
            }
            bindToDevice();
        }
    }

    /** A send socket also receives the protocol; a one-instruction BPF "ret #0" keeps its queue empty. */
    private void dropEverythingReceived(Arena local) throws LinuxException {
        MemorySegment filter = local.allocate(8, 8);
        filter.set(JAVA_SHORT, 0, (short) 0x06);
        filter.set(JAVA_INT, 4, 0);
        MemorySegment program = local.allocate(16, 8);
        program.set(JAVA_SHORT, 0, (short) 1);
        program.set(ADDRESS, 8, filter);
        Syscalls.setsockopt(fd, Sockopt.SOL_SOCKET, Sockopt.SO_ATTACH_FILTER, program, "SO_ATTACH_FILTER",
                Capability.NONE);
    }

    private void bindToDevice() throws LinuxException {
        try (Arena local = Arena.ofConfined()) {
            Syscalls.setsockopt(fd, Sockopt.SOL_SOCKET, Sockopt.SO_BINDTODEVICE, local.allocateFrom(nic.name()),
                    "SO_BINDTODEVICE " + nic.name(), Capability.CAP_NET_RAW);
        }
    }

    private void setInt(int level, int option, int value, String optionName) throws LinuxException {
        Syscalls.setsockopt(fd, level, option, value, optionName, Capability.NONE);
    }

    private MemorySegment ipMreqn(Arena local, Inet4Address group) {
        MemorySegment mreqn = local.allocate(Structs.IP_MREQN);
        MemorySegment.copy(group.getAddress(), 0, mreqn, JAVA_BYTE, 0, 4);
        mreqn.set(JAVA_INT, Structs.offset(Structs.IP_MREQN, "imr_ifindex"), nic.index());
        return mreqn;
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for one datagram. Empty on timeout or after
     * {@link #wakeup()}.
     */
    public synchronized Optional<ReceivedPacket> receive(long timeoutMillis) throws LinuxException {
        ensureOpen("poll");
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long remaining = timeoutMillis < 0 ? -1 : Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            Wakeup.Ready ready = wakeup.await(fd, remaining);
            if (ready == Wakeup.Ready.WOKEN) {
                return Optional.empty();
            }
            Optional<ReceivedPacket> packet = receiveNow();
            if (packet.isPresent() || ready == Wakeup.Ready.TIMED_OUT || remaining == 0) {
                return packet;
            }
        }
    }

    /** Reads one queued datagram without waiting. */
    public synchronized Optional<ReceivedPacket> receiveNow() throws LinuxException {
        ensureOpen("recvmsg");
        prepareMessage(BUFFER_SIZE, CONTROL_SIZE, name, NAME_SIZE);
        long length = Syscalls.recvmsg(fd, msghdr, Sockopt.MSG_TRUNC, "recvmsg");
        if (length < 0) {
            return Optional.empty();
        }
        int flags = msghdr.get(JAVA_INT, Structs.offset(Structs.MSGHDR, "msg_flags"));
        boolean truncated = (flags & Sockopt.MSG_TRUNC) != 0 || length > BUFFER_SIZE;
        int got = (int) Math.min(length, BUFFER_SIZE);
        byte[] data = buffer.asSlice(0, got).toArray(JAVA_BYTE);
        int controlLength = (int) msghdr.get(JAVA_LONG, Structs.offset(Structs.MSGHDR, "msg_controllen"));
        ControlMessages.Ancillary ancillary = ControlMessages.parse(
                control.asSlice(0, Math.min(controlLength, CONTROL_SIZE)).toArray(JAVA_BYTE), controlLength);
        if (family == Sockopt.AF_INET) {
            Ipv4Header header = Ipv4Header.parse(data, got);
            if (header == null) {
                return Optional.empty();
            }
            return Optional.of(new ReceivedPacket(header.source(), header.destination(), header.ttl(), header.tos(),
                    ancillary.ifindex(), Arrays.copyOf(data, header.headerLength()),
                    Arrays.copyOfRange(data, header.headerLength(), got), truncated));
        }
        return Optional.of(new ReceivedPacket(Sockaddr.decode(name), ancillary.destination(), ancillary.hopLimit(),
                ancillary.trafficClass(), ancillary.ifindex(), new byte[0], data, truncated));
    }

    private void prepareMessage(long dataLength, long controlLength, MemorySegment nameSegment, int nameLength) {
        iov.set(ADDRESS, Structs.offset(Structs.IOVEC, "iov_base"), buffer);
        iov.set(JAVA_LONG, Structs.offset(Structs.IOVEC, "iov_len"), dataLength);
        msghdr.set(ADDRESS, Structs.offset(Structs.MSGHDR, "msg_name"), nameSegment);
        msghdr.set(JAVA_INT, Structs.offset(Structs.MSGHDR, "msg_namelen"), nameLength);
        msghdr.set(ADDRESS, Structs.offset(Structs.MSGHDR, "msg_iov"), iov);
        msghdr.set(JAVA_LONG, Structs.offset(Structs.MSGHDR, "msg_iovlen"), 1L);
        msghdr.set(ADDRESS, Structs.offset(Structs.MSGHDR, "msg_control"),
                controlLength == 0 ? MemorySegment.NULL : control);
        msghdr.set(JAVA_LONG, Structs.offset(Structs.MSGHDR, "msg_controllen"), controlLength);
        msghdr.set(JAVA_INT, Structs.offset(Structs.MSGHDR, "msg_flags"), 0);
    }

    /**
     * Sends {@code payload} (e.g. a VRRP advert) to a group or a unicast peer. IPv4 with header-included
     * prepends the header; IPv6 leaves the checksum at offset 6 to the kernel (IPV6_CHECKSUM).
     *
     * @return false if the socket buffer is full and nothing was sent
     */
    public synchronized boolean send(byte[] payload, InetAddress destination) throws LinuxException {
        if (sendOptions == null) {
            throw new IllegalStateException("this socket was opened to receive; open a sender to send");
        }
        if (Sockaddr.family(destination) != family) {
            throw new IllegalArgumentException("destination " + destination.getHostAddress()
                    + " is not in the socket's address family");
        }
        String call = "sendmsg(" + destination.getHostAddress() + " via " + nic.name() + ")";
        ensureOpen(call);
        try (Arena local = Arena.ofConfined()) {
            byte[] datagram = payload;
            if (family == Sockopt.AF_INET && sendOptions.headerIncluded()) {
                byte[] header = Ipv4Header.encode(sendOptions.tos(), sendOptions.ttl(), protocol,
                        (Inet4Address) source, (Inet4Address) destination, payload.length);
                datagram = new byte[header.length + payload.length];
                System.arraycopy(header, 0, datagram, 0, header.length);
                System.arraycopy(payload, 0, datagram, header.length, payload.length);
            }
            if (datagram.length > BUFFER_SIZE) {
                throw new IllegalArgumentException("datagram of " + datagram.length + " bytes is too large");
            }
            MemorySegment.copy(datagram, 0, buffer, JAVA_BYTE, 0, datagram.length);
            MemorySegment to = Sockaddr.of(local, destination, Sockaddr.needsScope(destination) ? nic.index() : 0);
            int controlLength = 0;
            if (family == Sockopt.AF_INET6 && source != null) {
                // IPV6_PKTINFO picks the source per datagram, as keepalived does, so a tentative or late
                // link-local address fails one send instead of the socket's open.
                controlLength = (int) (Structs.CMSGHDR.byteSize() + Structs.IN6_PKTINFO.byteSize());
                control.fill((byte) 0);
                control.set(JAVA_LONG, 0, controlLength);
                control.set(JAVA_INT, 8, Sockopt.IPPROTO_IPV6);
                control.set(JAVA_INT, 12, Sockopt.IPV6_PKTINFO);
                MemorySegment.copy(source.getAddress(), 0, control, JAVA_BYTE, 16, 16);
                control.set(JAVA_INT, 32, nic.index());
                controlLength = Structs.align(controlLength, Structs.CMSG_ALIGNMENT);
            }
            prepareMessage(datagram.length, controlLength, to, (int) to.byteSize());
            return Syscalls.sendmsg(fd, msghdr, 0, call) >= 0;
        }
    }

    private void ensureOpen(String call) throws LinuxException {
        if (closed) {
            throw Syscalls.error(call, Errno.EBADF, Capability.NONE);
        }
    }

    /** Makes a blocked or the next {@link #receive} return empty. Safe from any thread. */
    public void wakeup() throws LinuxException {
        wakeup.signal();
    }

    public int fd() {
        return fd;
    }

    public Interface nic() {
        return nic;
    }

    /** Wakes a blocked {@link #receive}, then closes the socket once that call has returned. */
    @Override
    public void close() {
        try {
            wakeup.signal();
        } catch (LinuxException e) {
            // The eventfd counter cannot overflow from one signal; nothing else can fail here.
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            Syscalls.close(fd);
            wakeup.close();
            arena.close();
        }
    }
}
