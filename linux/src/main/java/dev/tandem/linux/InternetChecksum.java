package dev.tandem.linux;

import java.net.Inet6Address;

/** The RFC 1071 ones'-complement checksum, and the ICMPv6 one over the IPv6 pseudo-header (RFC 8200 §8.1). */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Checksum of {@code data[from, from+length)}; a result of 0 over data that includes its checksum means valid. */
    public static int of(byte[] data, int from, int length) {
        return fold(sum(0, data, from, length));
    }

    /** Checksum of an upper-layer packet over the IPv6 pseudo-header (source, destination, length, next header). */
    public static int ipv6(Inet6Address source, Inet6Address destination, int nextHeader, byte[] packet, int from,
            int length) {
        long sum = sum(0, source.getAddress(), 0, 16);
        sum = sum(sum, destination.getAddress(), 0, 16);
        sum += (length >>> 16) + (length & 0xffff);
        sum += nextHeader;
        return fold(sum(sum, packet, from, length));
    }

    private static long sum(long start, byte[] data, int from, int length) {
        long sum = start;
        int i = from;
        int end = from + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
