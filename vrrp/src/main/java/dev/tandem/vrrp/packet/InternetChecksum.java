package dev.tandem.vrrp.packet;

/** RFC 1071 one's-complement sum, fed in pieces so pseudo-headers need no copy. */
final class InternetChecksum {
    private long sum;

    InternetChecksum add(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return this;
    }

    InternetChecksum add(byte[] b) {
        return add(b, 0, b.length);
    }

    InternetChecksum add16(int v) {
        sum += v & 0xffff;
        return this;
    }

    InternetChecksum add32(long v) {
        sum += (v >>> 16) & 0xffff;
        sum += v & 0xffff;
        return this;
    }

    int value() {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }
}
