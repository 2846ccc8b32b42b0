package dev.tandem.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A non-blocking AF_NETLINK / NETLINK_ROUTE socket, optionally subscribed to multicast groups. */
final class NetlinkSocket implements AutoCloseable {
    /** Large enough for one dump chunk: the kernel sizes those to the reader's buffer, up to 32 KiB. */
    private static final int BUFFER_SIZE = 65536;

    private final int fd;
    private final Wakeup wakeup;
    private final Arena arena;
    private final MemorySegment buffer;
    private final MemorySegment iov;
    private final MemorySegment msghdr;
    private final MemorySegment kernel;
    private boolean closed;

    private NetlinkSocket(int fd) throws LinuxException {
        this.fd = fd;
        this.wakeup = new Wakeup();
        this.arena = Arena.ofShared();
        this.buffer = arena.allocate(BUFFER_SIZE, 8);
        this.iov = arena.allocate(Structs.IOVEC);
        this.msghdr = arena.allocate(Structs.MSGHDR);
        this.kernel = sockaddrNl(arena, 0);
    }

    static NetlinkSocket open(int groups) throws LinuxException {
        int fd = Syscalls.socket("socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)", Capability.NONE, Sockopt.AF_NETLINK,
                Sockopt.SOCK_RAW | Sockopt.SOCK_NONBLOCK | Sockopt.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
        try (Arena local = Arena.ofConfined()) {
            Syscalls.bind(fd, sockaddrNl(local, groups), "bind(AF_NETLINK, groups 0x" + Integer.toHexString(groups)
                    + ")", Capability.NONE);
            return new NetlinkSocket(fd);
        } catch (LinuxException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    private static MemorySegment sockaddrNl(Arena arena, int groups) {
        MemorySegment sa = arena.allocate(Structs.SOCKADDR_NL);
        sa.set(JAVA_SHORT, Structs.offset(Structs.SOCKADDR_NL, "nl_family"), (short) Sockopt.AF_NETLINK);
        sa.set(JAVA_INT, Structs.offset(Structs.SOCKADDR_NL, "nl_groups"), groups);
        return sa;
    }

    synchronized void send(byte[] message, String call) throws LinuxException {
        ensureOpen(call);
        MemorySegment.copy(message, 0, buffer, JAVA_BYTE, 0, message.length);
        if (Syscalls.sendto(fd, buffer, message.length, 0, kernel, call, Capability.CAP_NET_ADMIN) < 0) {
            throw Syscalls.error(call, Errno.EAGAIN, Capability.NONE);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for one datagram and returns a copy of it; null on timeout or wakeup.
     * ENOBUFS (the kernel dropped notifications) is thrown to the caller.
     */
    synchronized byte[] receive(long timeoutMillis, String call) throws LinuxException {
        ensureOpen(call);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long remaining = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            Wakeup.Ready ready = wakeup.await(fd, timeoutMillis < 0 ? -1 : remaining);
            if (ready == Wakeup.Ready.WOKEN) {
                return null;
            }
            iov.set(ADDRESS, 0, buffer);
            iov.set(JAVA_LONG, 8, (long) BUFFER_SIZE);
            msghdr.fill((byte) 0);
            msghdr.set(ADDRESS, Structs.offset(Structs.MSGHDR, "msg_iov"), iov);
            msghdr.set(JAVA_LONG, Structs.offset(Structs.MSGHDR, "msg_iovlen"), 1L);
            long length = Syscalls.recvmsg(fd, msghdr, 0, call);
            if (length >= 0) {
                return buffer.asSlice(0, Math.min(length, BUFFER_SIZE)).toArray(JAVA_BYTE);
            }
            if (ready == Wakeup.Ready.TIMED_OUT || (timeoutMillis >= 0 && remaining == 0)) {
                return null;
            }
        }
    }

    void wakeup() throws LinuxException {
        wakeup.signal();
    }

    private void ensureOpen(String call) throws LinuxException {
        if (closed) {
            throw Syscalls.error(call, Errno.EBADF, Capability.NONE);
        }
    }

    @Override
    public void close() {
        try {
            wakeup.signal();
        } catch (LinuxException e) {
            // Nothing to do: the socket is closed below either way.
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
