package dev.tandem.linux;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The IPv4 header keepalived writes with IP_HDRINCL (keepalived.md §3.1: tos 0xc0, id 0, ttl 255, protocol
 * 112), and the fields a receiver reads back. raw(7): the kernel fills tot_len and the checksum, and the id
 * and source when they are 0.
 */
record Ipv4Header(int headerLength, int tos, int totalLength, int ttl, int protocol, InetAddress source,
        InetAddress destination) {

    static final int MIN_LENGTH = 20;

    static byte[] encode(int tos, int ttl, int protocol, Inet4Address source, Inet4Address destination,
            int payloadLength) {
        byte[] h = new byte[MIN_LENGTH];
        int total = MIN_LENGTH + payloadLength;
        h[0] = 0x45;
        h[1] = (byte) tos;
        h[2] = (byte) (total >>> 8);
        h[3] = (byte) total;
        h[8] = (byte) ttl;
        h[9] = (byte) protocol;
        if (source != null) {
            System.arraycopy(source.getAddress(), 0, h, 12, 4);
        }
        System.arraycopy(destination.getAddress(), 0, h, 16, 4);
        return h;
    }

    /** Parses the header at the start of {@code packet}, or returns null if it is not a plausible IPv4 header. */
    static Ipv4Header parse(byte[] packet, int length) {
        if (length < MIN_LENGTH || (packet[0] & 0xf0) != 0x40) {
            return null;
        }
        int ihl = (packet[0] & 0x0f) * 4;
        if (ihl < MIN_LENGTH || ihl > length) {
            return null;
        }
        return new Ipv4Header(ihl, packet[1] & 0xff, ((packet[2] & 0xff) << 8) | (packet[3] & 0xff),
                packet[8] & 0xff, packet[9] & 0xff,
                Sockaddr.address(Arrays.copyOfRange(packet, 12, 16)),
                Sockaddr.address(Arrays.copyOfRange(packet, 16, 20)));
    }
}
