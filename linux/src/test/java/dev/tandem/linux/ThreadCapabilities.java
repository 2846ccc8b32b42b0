package dev.tandem.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs code on a fresh platform thread whose effective capability set lacks CAP_NET_ADMIN and CAP_NET_RAW
 * (capabilities(7) are per thread), so a root test can see the errors an unprivileged daemon would get. The
 * thread inherits the caller's network namespace and ends with the code.
 */
final class ThreadCapabilities {
    private static final int VERSION_3 = 0x20080522;
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_NET_RAW = 13;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CAPGET = LINKER.downcallHandle(LINKER.defaultLookup().find("capget").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CAPSET = LINKER.downcallHandle(LINKER.defaultLookup().find("capset").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

    private ThreadCapabilities() {
    }

    static <T> T withoutNetworkCapabilities(Callable<T> code) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                dropEffective();
                result.complete(code.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }).join();
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void dropEffective() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(8, 4);
            header.set(JAVA_INT, 0, VERSION_3);
            MemorySegment data = arena.allocate(24, 4);
            if ((int) CAPGET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capget failed");
            }
            int effective = data.get(JAVA_INT, 0);
            data.set(JAVA_INT, 0, effective & ~((1 << CAP_NET_ADMIN) | (1 << CAP_NET_RAW)));
            if ((int) CAPSET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capset failed");
            }
        }
    }
}
