package dev.tandem.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Encodes and decodes sockaddr_in / sockaddr_in6 (family in host order, port and address in network order). */
final class Sockaddr {
    private Sockaddr() {
    }

    /** A sockaddr for {@code address}, port 0; {@code scopeId} is the ifindex for link-local and ff02:: targets. */
    static MemorySegment of(Arena arena, InetAddress address, int scopeId) {
        if (address instanceof Inet4Address) {
            MemorySegment sa = arena.allocate(Structs.SOCKADDR_IN);
            sa.set(JAVA_SHORT, Structs.offset(Structs.SOCKADDR_IN, "sin_family"), (short) Sockopt.AF_INET);
            MemorySegment.copy(address.getAddress(), 0, sa, JAVA_BYTE,
                    Structs.offset(Structs.SOCKADDR_IN, "sin_addr"), 4);
            return sa;
        }
        MemorySegment sa = arena.allocate(Structs.SOCKADDR_IN6);
        sa.set(JAVA_SHORT, Structs.offset(Structs.SOCKADDR_IN6, "sin6_family"), (short) Sockopt.AF_INET6);
        MemorySegment.copy(address.getAddress(), 0, sa, JAVA_BYTE,
                Structs.offset(Structs.SOCKADDR_IN6, "sin6_addr"), 16);
        sa.set(JAVA_INT, Structs.offset(Structs.SOCKADDR_IN6, "sin6_scope_id"), scopeId);
        return sa;
    }

    /** Needs a scope id: link-local unicast and link- or interface-local multicast. */
    static boolean needsScope(InetAddress address) {
        return address instanceof Inet6Address a6
                && (a6.isLinkLocalAddress() || a6.isMCLinkLocal() || a6.isMCNodeLocal());
    }

    static int family(InetAddress address) {
        return address instanceof Inet4Address ? Sockopt.AF_INET : Sockopt.AF_INET6;
    }

    /** The address in a sockaddr the kernel filled, or null for an unknown family. */
    static InetAddress decode(MemorySegment sa) {
        short family = sa.get(JAVA_SHORT, 0);
        if (family == Sockopt.AF_INET) {
            return address(sa.asSlice(Structs.offset(Structs.SOCKADDR_IN, "sin_addr"), 4).toArray(JAVA_BYTE));
        }
        if (family == Sockopt.AF_INET6) {
            return address(sa.asSlice(Structs.offset(Structs.SOCKADDR_IN6, "sin6_addr"), 16).toArray(JAVA_BYTE));
        }
        return null;
    }

    /** An address from 4 or 16 raw bytes; never resolves a name. */
    static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes, got " + raw.length, e);
        }
    }
}
