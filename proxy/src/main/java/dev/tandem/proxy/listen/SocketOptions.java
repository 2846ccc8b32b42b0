package dev.tandem.proxy.listen;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** The one socket option Netty lacks here, IPV6_V6ONLY, set through FFM setsockopt(2). */
final class SocketOptions {

    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;

    private SocketOptions() {
    }

    static void setIpv6Only(int fd) {
        Linker linker = Linker.nativeLinker();
        MethodHandle setsockopt = linker.downcallHandle(linker.defaultLookup().find("setsockopt").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
            int rc = (int) setsockopt.invokeExact(fd, IPPROTO_IPV6, IPV6_V6ONLY, one, 4);
            if (rc != 0) {
                throw new IllegalStateException("setsockopt(IPV6_V6ONLY) failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
