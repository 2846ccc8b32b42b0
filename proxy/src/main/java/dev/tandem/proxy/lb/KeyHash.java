package dev.tandem.proxy.lb;

/**
 * The hash functions haproxy balances with, so a key lands on the same server as it did under
 * haproxy 2.6 (configuration.txt "hash-type": sdbm is the default function).
 */
final class KeyHash {

    private KeyHash() {}

    /** sdbm over the bytes, unsigned 32-bit in an int. */
    static int sdbm(byte[] key, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = (key[i] & 0xff) + (h << 6) + (h << 16) - h;
        }
        return h;
    }

    static int sdbm(byte[] key) {
        return sdbm(key, 0, key.length);
    }

    /**
     * haproxy's "full avalanche" of a 32-bit integer: Bob Jenkins' integer hash
     * (burtleburtle.net/bob/hash/integer.html) times the prime 3221225473, which haproxy adds to
     * spread values over its trees. It places consistent-hash points and implements the
     * "avalanche" modifier, so the same keys land on the same servers as under haproxy.
     */
    static int avalanche(int a) {
        a = (a + 0x7ed55d16) + (a << 12);
        a = (a ^ 0xc761c23c) ^ (a >>> 19);
        a = (a + 0x165667b1) + (a << 5);
        a = (a + 0xd3a2646c) ^ (a << 9);
        a = (a + 0xfd7046c5) + (a << 3);
        a = (a ^ 0xb55a4f09) ^ (a >>> 16);
        return a * 0xC0000001;
    }
}
