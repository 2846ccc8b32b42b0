package dev.tandem.testkit.netns;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Moves the calling thread into a named network namespace with setns(2), the way {@code ip netns exec}
 * does for a process. Only the calling thread moves (namespaces are per task), and threads it starts later
 * inherit it. The module {@code linux} holds the full FFM layer; testkit cannot depend on it (linux's tests
 * use testkit), so these three calls live here.
 */
final class Setns {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    // open(2) is variadic: the mode argument must be passed as a variadic int.
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
    private static final MethodHandle SETNS = LINKER.downcallHandle(LINKER.defaultLookup().find("setns").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Setns() {
    }

    static void enter(String namespace) {
        String path = "/run/netns/" + namespace;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), O_RDONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                throw new IllegalStateException("open(" + path + ") failed: errno " + (int) ERRNO.get(state, 0L));
            }
            int rc = (int) SETNS.invokeExact(state, fd, CLONE_NEWNET);
            int errno = (int) ERRNO.get(state, 0L);
            int closed = (int) CLOSE.invokeExact(fd);
            if (rc != 0) {
                throw new IllegalStateException("setns(" + path + ", CLONE_NEWNET) failed: errno " + errno
                        + (errno == 1 ? " (EPERM: needs CAP_SYS_ADMIN, run the tests as root)" : ""));
            }
            assert closed == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
