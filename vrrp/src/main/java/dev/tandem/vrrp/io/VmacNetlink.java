package dev.tandem.vrrp.io;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.tandem.linux.Capability;
import dev.tandem.linux.Errno;
import dev.tandem.linux.LinuxException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * A small NETLINK_ROUTE request socket for link creation, which the linux layer's {@code Rtnetlink} does not
 * offer: creates and deletes the use_vmac macvlan, each request acknowledged or failing with its errno.
 */
final class VmacNetlink implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET = errnoHandle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = errnoHandle("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = errnoHandle("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = errnoHandle("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;

    private final int fd;
    private int seq;

    private VmacNetlink(int fd) {
        this.fd = fd;
    }

    private static MethodHandle errnoHandle(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d,
                Linker.Option.captureCallState("errno"));
    }

    static VmacNetlink open() throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw error("socket(AF_NETLINK)", (int) ERRNO.get(state, 0L), Capability.NONE);
            }
            // A kernel that never answers must not hang start-up or shutdown: 5 s receive timeout.
            MemorySegment tv = arena.allocate(16, 8);
            tv.set(JAVA_LONG, 0, 5L);
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
            if (rc < 0) {
                int errno = (int) ERRNO.get(state, 0L);
                int ignored = (int) CLOSE.invokeExact(fd);
                throw error("setsockopt(SO_RCVTIMEO)", errno, Capability.NONE);
            }
            return new VmacNetlink(fd);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    synchronized void create(int parentIndex, String name, byte[] mac) throws LinuxException {
        int s = ++seq;
        request(VmacRequest.create(s, parentIndex, name, mac), s, "rtnetlink RTM_NEWLINK macvlan " + name);
    }

    synchronized void delete(int index, String name) throws LinuxException {
        int s = ++seq;
        request(VmacRequest.delete(s, index), s, "rtnetlink RTM_DELLINK " + name);
    }

    private void request(byte[] message, int s, String call) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment kernel = arena.allocate(12, 4);
            kernel.set(JAVA_SHORT, 0, (short) AF_NETLINK);
            MemorySegment out = arena.allocateFrom(JAVA_BYTE, message);
            long sent = (long) SENDTO.invokeExact(state, fd, out, (long) message.length, 0, kernel, 12);
            if (sent < 0) {
                throw error(call, (int) ERRNO.get(state, 0L), Capability.CAP_NET_ADMIN);
            }
            MemorySegment in = arena.allocate(8192, 8);
            while (true) {
                long got = (long) RECV.invokeExact(state, fd, in, 8192L, 0);
                if (got < 0) {
                    throw error(call, (int) ERRNO.get(state, 0L), Capability.NONE);
                }
                byte[] datagram = in.asSlice(0, got).toArray(JAVA_BYTE);
                int errno = VmacRequest.ackErrno(datagram, datagram.length, s);
                if (errno == 0) {
                    return;
                }
                if (errno > 0) {
                    throw error(call, errno, Capability.CAP_NET_ADMIN);
                }
            }
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static LinuxException error(String call, int errno, Capability needed) {
        return new LinuxException(call, errno, Errno.name(errno), needed);
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            // nothing useful to do while closing
        }
    }
}
