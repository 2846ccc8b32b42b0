package dev.tandem.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls this module makes, each linked with errno captured by the linker (java.md §3.2: reading errno
 * any other way races the JVM) and turned into a {@link LinuxException} naming the call.
 *
 * <p>Every handle is invoked with {@code invokeExact}, so every result is cast to its exact type.
 */
final class Syscalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = withErrno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = withErrno("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = withErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = withErrno("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = withErrno("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = withErrno("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDMSG = withErrno("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = withErrno("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLL = withErrno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EVENTFD = withErrno("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = withErrno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = withErrno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle IF_NAMETOINDEX = withErrno("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(256, JAVA_BYTE)), JAVA_INT));

    private Syscalls() {
    }

    private static MethodHandle withErrno(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor,
                Linker.Option.captureCallState("errno"));
    }

    static int socket(String call, Capability needed, int domain, int type, int protocol) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            return check(fd, call, state, needed);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void bind(int fd, MemorySegment address, String call, Capability needed) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) BIND.invokeExact(state, fd, address, (int) address.byteSize());
            check(rc, call, state, needed);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Closes quietly: by the time a caller closes, nothing useful can be done with a failure. */
    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) CLOSE.invokeExact(state, fd);
            assert rc == 0 || rc == -1;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void setsockopt(int fd, int level, int option, MemorySegment value, String call, Capability needed)
            throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, level, option, value, (int) value.byteSize());
            check(rc, "setsockopt(" + call + ")", state, needed);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void setsockopt(int fd, int level, int option, int value, String call, Capability needed)
            throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, option, arena.allocateFrom(JAVA_INT, value), call, needed);
        }
    }

    static int getsockoptInt(int fd, int level, int option, String call) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) JAVA_INT.byteSize());
            int rc = (int) GETSOCKOPT.invokeExact(state, fd, level, option, value, length);
            check(rc, "getsockopt(" + call + ")", state, Capability.NONE);
            return value.get(JAVA_INT, 0);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Returns the bytes sent, or -1 when the socket would block. */
    static long sendto(int fd, MemorySegment data, long length, int flags, MemorySegment address, String call,
            Capability needed) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int addressLength = address.equals(MemorySegment.NULL) ? 0 : (int) address.byteSize();
            long rc = (long) SENDTO.invokeExact(state, fd, data, length, flags, address, addressLength);
            return checkWouldBlock(rc, call, state, needed);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Returns the bytes sent, or -1 when the socket would block. */
    static long sendmsg(int fd, MemorySegment msghdr, int flags, String call) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long rc = (long) SENDMSG.invokeExact(state, fd, msghdr, flags);
            return checkWouldBlock(rc, call, state, Capability.NONE);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Returns the bytes received, or -1 when nothing is queued (the fd is non-blocking). */
    static long recvmsg(int fd, MemorySegment msghdr, int flags, String call) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long rc = (long) RECVMSG.invokeExact(state, fd, msghdr, flags);
            return checkWouldBlock(rc, call, state, Capability.NONE);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** poll(2), restarted on EINTR with the full timeout (callers loop on their own deadline). */
    static int poll(MemorySegment pollfds, int count, int timeoutMillis) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            while (true) {
                int rc = (int) POLL.invokeExact(state, pollfds, (long) count, timeoutMillis);
                if (rc >= 0) {
                    return rc;
                }
                int errno = (int) ERRNO.get(state, 0L);
                if (errno != Errno.EINTR) {
                    throw error("poll", errno, Capability.NONE);
                }
            }
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int eventfd(int flags) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) EVENTFD.invokeExact(state, 0, flags);
            return check(fd, "eventfd", state, Capability.NONE);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Returns the bytes read, or -1 when the fd would block. */
    static long read(int fd, MemorySegment buffer, String call) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long rc = (long) READ.invokeExact(state, fd, buffer, buffer.byteSize());
            return checkWouldBlock(rc, call, state, Capability.NONE);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Returns the bytes written, or -1 when the fd would block. */
    static long write(int fd, MemorySegment buffer, String call) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long rc = (long) WRITE.invokeExact(state, fd, buffer, buffer.byteSize());
            return checkWouldBlock(rc, call, state, Capability.NONE);
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** if_nametoindex(3) signals failure with 0, not -1 (java.md §3.2). */
    static int ifNameToIndex(String name) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int index = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
            if (index == 0) {
                throw error("if_nametoindex(" + name + ")", (int) ERRNO.get(state, 0L), Capability.NONE);
            }
            return index;
        } catch (LinuxException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.getString(0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static LinuxException error(String call, int errno, Capability needed) {
        return new LinuxException(call, errno, strerror(errno), needed);
    }

    private static int check(int rc, String call, MemorySegment state, Capability needed) throws LinuxException {
        if (rc < 0) {
            throw error(call, (int) ERRNO.get(state, 0L), needed);
        }
        return rc;
    }

    private static long checkWouldBlock(long rc, String call, MemorySegment state, Capability needed)
            throws LinuxException {
        if (rc >= 0) {
            return rc;
        }
        int errno = (int) ERRNO.get(state, 0L);
        if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
            return -1;
        }
        throw error(call, errno, needed);
    }
}
