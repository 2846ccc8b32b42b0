package dev.tandem.proxy.lb;

import dev.tandem.config.haproxy.model.HashFunction;

/**
 * The hash functions haproxy balances with (configuration.txt "hash-type": sdbm, djb2, wt6,
 * crc32, none, and the avalanche modifier), so a key lands on the same server as it does under
 * haproxy. The functions read the key as unsigned bytes (checked against haproxy 2.6.12 with
 * keys holding bytes of 0x80 and more).
 */
final class KeyHash {

    static final KeyHash DEFAULT = new KeyHash(HashFunction.DEFAULT);

    private final HashFunction.Function function;
    private final boolean avalanche;

    private KeyHash(HashFunction hashFunction) {
        this.function = hashFunction.function();
        this.avalanche = hashFunction.avalanche();
    }

    static KeyHash of(HashFunction hashFunction) {
        return hashFunction.equals(HashFunction.DEFAULT) ? DEFAULT : new KeyHash(hashFunction);
    }

    /** The configured function over {@code key[from, to)}, then the modifier. */
    int hash(byte[] key, int from, int to) {
        int h = switch (function) {
            case SDBM -> sdbm(key, from, to);
            case DJB2 -> djb2(key, from, to);
            case WT6 -> wt6(key, from, to);
            case CRC32 -> crc32(key, from, to);
            case NONE -> none(key, from, to);
        };
        return modify(h);
    }

    int hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    /** Only the modifier: {@code balance source} hashes the address itself (backend.c get_server_sh). */
    int modify(int hash) {
        return avalanche ? avalanche(hash) : hash;
    }

    /** sdbm: h = c + (h << 6) + (h << 16) - h. */
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

    /** Bernstein's djb2: h = h * 33 + c, from 5381. */
    static int djb2(byte[] key, int from, int to) {
        int h = 5381;
        for (int i = from; i < to; i++) {
            h = (h << 5) + h + (key[i] & 0xff);
        }
        return h;
    }

    /** Willy Tarreau's wt6: two words rotated by amounts that depend on the data. */
    static int wt6(byte[] key, int from, int to) {
        int h0 = 0xa53c965a;
        int h1 = 0x5ca6953a;
        int step0 = 6;
        int step1 = 18;
        for (int i = from; i < to; i++) {
            int t = key[i] & 0xff;
            h0 = ~(h0 ^ t);
            h1 = ~(h1 + t);
            // a rotation by 0 shifts by 32, which x86 (like Java) takes modulo 32
            t = (h1 << step0) | (h1 >>> (32 - step0));
            h1 = (h0 << step1) | (h0 >>> (32 - step1));
            h0 = t;
            t = ((h0 >>> 16) ^ h1) & 0xffff;
            step0 = t & 0x1f;
            step1 = t >>> 11;
        }
        return h0 ^ h1;
    }

    /** The reflected CRC-32 of IEEE 802.3 (polynomial 0xedb88320), one bit at a time. */
    static int crc32(byte[] key, int from, int to) {
        int h = ~0;
        for (int i = from; i < to; i++) {
            h ^= key[i] & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                h = (h >>> 1) ^ ((h & 1) != 0 ? 0xedb88320 : 0);
            }
        }
        return ~h;
    }

    /**
     * {@code none}: the key is the hash, read as a decimal integer with an optional minus sign up
     * to the first non-digit and cut to 32 bits (haproxy 2.8 gen_hash with read_int64).
     */
    static int none(byte[] key, int from, int to) {
        int i = from;
        boolean negative = i < to && key[i] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        for (; i < to && key[i] >= '0' && key[i] <= '9'; i++) {
            int digit = key[i] - '0';
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                v = -1L; // read_uint64 saturates at ULLONG_MAX
                break;
            }
            v = v * 10 + digit;
        }
        return (int) (negative ? -v : v);
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
