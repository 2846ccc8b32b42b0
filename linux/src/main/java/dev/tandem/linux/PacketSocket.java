package dev.tandem.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An AF_PACKET / SOCK_RAW socket that sends whole Ethernet frames built in Java: {@link GratuitousArp} and
 * {@link UnsolicitedNeighbourAdvert}. Opened with protocol 0, so the kernel never queues received frames on
 * it (packet(7)) and no drop filter is needed. Needs CAP_NET_RAW.
 */
public final class PacketSocket implements AutoCloseable {
    private final int fd;
    private boolean closed;

    private PacketSocket(int fd) {
        this.fd = fd;
    }

    public static PacketSocket open() throws LinuxException {
        return new PacketSocket(Syscalls.socket("socket(AF_PACKET, SOCK_RAW, 0)", Capability.CAP_NET_RAW,
                Sockopt.AF_PACKET, Sockopt.SOCK_RAW | Sockopt.SOCK_NONBLOCK | Sockopt.SOCK_CLOEXEC, 0));
    }

    /**
     * Sends {@code frame} (Ethernet header included) out of interface {@code ifindex}.
     *
     * @return false if the device queue was full and the frame was not sent
     */
    public synchronized boolean send(int ifindex, byte[] frame) throws LinuxException {
        if (frame.length < Ethernet.HEADER) {
            throw new IllegalArgumentException("an Ethernet frame is at least 14 bytes, got " + frame.length);
        }
        String call = "sendto(AF_PACKET, ifindex " + ifindex + ", ethertype 0x"
                + Integer.toHexString(Ethernet.etherType(frame)) + ")";
        if (closed) {
            throw Syscalls.error(call, Errno.EBADF, Capability.NONE);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ll = arena.allocate(Structs.SOCKADDR_LL);
            ll.set(JAVA_SHORT, Structs.offset(Structs.SOCKADDR_LL, "sll_family"), (short) Sockopt.AF_PACKET);
            ll.set(Structs.NET_SHORT, Structs.offset(Structs.SOCKADDR_LL, "sll_protocol"),
                    (short) Ethernet.etherType(frame));
            ll.set(JAVA_INT, Structs.offset(Structs.SOCKADDR_LL, "sll_ifindex"), ifindex);
            ll.set(JAVA_BYTE, Structs.offset(Structs.SOCKADDR_LL, "sll_halen"), (byte) 6);
            MemorySegment.copy(frame, 0, ll, JAVA_BYTE, Structs.offset(Structs.SOCKADDR_LL, "sll_addr"), 6);
            MemorySegment data = arena.allocateFrom(JAVA_BYTE, frame);
            return Syscalls.sendto(fd, data, frame.length, 0, ll, call, Capability.CAP_NET_RAW) >= 0;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Syscalls.close(fd);
        }
    }
}
