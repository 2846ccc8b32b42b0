package dev.tandem.proxy.listen;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.tandem.proxy.model.UnixSocketAddress;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The socket system calls Netty has no API for, through FFM with errno captured by the linker:
 * options of a descriptor Tandem did not open (an inherited {@code fd@}), IPV6_V6ONLY, O_NONBLOCK,
 * and UNIX sockets as haproxy makes them (a full-length sockaddr_un, so abstract names match
 * haproxy's; the socket file bound under a temporary name, owned, then renamed). Failures carry the
 * C library's text, which haproxy prints in its own messages.
 */
final class SocketSyscalls {

    static final int SOL_SOCKET = 1;
    static final int SO_TYPE = 3;
    static final int SO_ACCEPTCONN = 30;
    static final int SO_DOMAIN = 39;
    static final int SOCK_STREAM = 1;
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int ENOENT = 2;

    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    /** sizeof(struct sockaddr_un): sun_family, then sun_path. */
    private static final int SOCKADDR_UN = 2 + UnixSocketAddress.SUN_PATH;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle GETSOCKOPT = withErrno("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = withErrno("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = withErrno("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle FCNTL = withErrno("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SOCKET = withErrno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_INT));
    private static final MethodHandle BIND = withErrno("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = withErrno("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS,
            JAVA_INT));
    private static final MethodHandle CLOSE = withErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle UNLINK = withErrno("unlink", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle LINK = withErrno("link", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle RENAME = withErrno("rename", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CHMOD = withErrno("chmod", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CHOWN = withErrno("chown", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
            JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(256, JAVA_BYTE)), JAVA_INT));

    private SocketSyscalls() {
    }

    /** A failed call: {@code getMessage()} is the C library's text for errno, e.g. "Bad file descriptor". */
    static final class Failure extends IOException {
        final int errno;

        Failure(int errno, String text) {
            super(text);
            this.errno = errno;
        }
    }

    private static MethodHandle withErrno(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, options);
    }

    static int intOption(int fd, int level, int option) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) JAVA_INT.byteSize());
            call(state -> (int) GETSOCKOPT.invokeExact(state, fd, level, option, value, length));
            return value.get(JAVA_INT, 0);
        }
    }

    /** Sets IPV6_V6ONLY before bind: Netty 4.2.18 has no option for it (java.md §2.2). */
    static void setIpv6Only(int fd) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocateFrom(JAVA_INT, 1);
            call(state -> (int) SETSOCKOPT.invokeExact(state, fd, IPPROTO_IPV6, IPV6_V6ONLY, one, 4));
        }
    }

    static void listen(int fd, int backlog) throws Failure {
        call(state -> (int) LISTEN.invokeExact(state, fd, backlog));
    }

    /** O_NONBLOCK on, as haproxy's fd_set_nonblock(): an inherited socket may be blocking, and an event loop must never block in accept(). */
    static void setNonBlocking(int fd) throws Failure {
        int flags = call(state -> (int) FCNTL.invokeExact(state, fd, F_GETFL, 0));
        if ((flags & O_NONBLOCK) == 0) {
            call(state -> (int) FCNTL.invokeExact(state, fd, F_SETFL, flags | O_NONBLOCK));
        }
    }

    /** A non-blocking, close-on-exec AF_UNIX stream socket. */
    static int unixStreamSocket() throws Failure {
        return call(state -> (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    }

    static void bind(int fd, UnixSocketAddress address) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = sockaddr(arena, address);
            call(state -> (int) BIND.invokeExact(state, fd, sa, SOCKADDR_UN));
        }
    }

    /**
     * connect(2) on a non-blocking UNIX socket completes at once or fails (EAGAIN when the
     * listener's queue is full, ECONNREFUSED when nothing listens, ENOENT when the path is gone);
     * it is never left in progress as a TCP connect is.
     */
    static void connect(int fd, UnixSocketAddress address) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = sockaddr(arena, address);
            call(state -> (int) CONNECT.invokeExact(state, fd, sa, SOCKADDR_UN));
        }
    }

    /** Closes quietly: whoever closes has nothing better to do with a failure. */
    static void close(int fd) {
        try {
            call(state -> (int) CLOSE.invokeExact(state, fd));
        } catch (Failure ignored) {
            // EBADF or EINTR: the descriptor is gone either way
        }
    }

    /** unlink(2); a path that does not exist is not an error. */
    static void unlinkIfExists(String path) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            call(state -> (int) UNLINK.invokeExact(state, p));
        } catch (Failure e) {
            if (e.errno != ENOENT) {
                throw e;
            }
        }
    }

    /** link(2); a source that does not exist is not an error. */
    static void linkIfExists(String from, String to) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment f = arena.allocateFrom(from);
            MemorySegment t = arena.allocateFrom(to);
            call(state -> (int) LINK.invokeExact(state, f, t));
        } catch (Failure e) {
            if (e.errno != ENOENT) {
                throw e;
            }
        }
    }

    static void rename(String from, String to) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment f = arena.allocateFrom(from);
            MemorySegment t = arena.allocateFrom(to);
            call(state -> (int) RENAME.invokeExact(state, f, t));
        }
    }

    static void chmod(String path, int mode) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            call(state -> (int) CHMOD.invokeExact(state, p, mode));
        }
    }

    /** chown(2); -1 leaves the owner or the group as it is. */
    static void chown(String path, int uid, int gid) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            call(state -> (int) CHOWN.invokeExact(state, p, uid, gid));
        }
    }

    private static MemorySegment sockaddr(Arena arena, UnixSocketAddress address) {
        MemorySegment sa = arena.allocate(SOCKADDR_UN); // zeroed
        sa.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(address.sunPath(), 0, sa, JAVA_BYTE, 2, UnixSocketAddress.SUN_PATH);
        return sa;
    }

    /** One libc call whose int result is negative on failure, with errno captured. */
    @FunctionalInterface
    private interface Call {
        int invoke(MemorySegment state) throws Throwable;
    }

    private static int call(Call c) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            return check(c.invoke(state), state);
        } catch (Failure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static String strerror(int errno) {
        try {
            return ((MemorySegment) STRERROR.invokeExact(errno)).getString(0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int check(int rc, MemorySegment state) throws Failure {
        if (rc < 0) {
            int errno = (int) ERRNO.get(state, 0L);
            throw new Failure(errno, strerror(errno));
        }
        return rc;
    }
}
