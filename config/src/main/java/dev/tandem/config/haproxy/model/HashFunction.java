package dev.tandem.config.haproxy.model;

/**
 * The function and modifier of {@code hash-type <method> <function> [<modifier>]}
 * (configuration.txt "hash-type"): sdbm without modifier unless told, except that
 * {@code hash-type consistent} alone implies the avalanche modifier.
 *
 * @param avalanche the {@code avalanche} modifier: the function's result goes through a 4-byte
 *     full avalanche hash before the server is chosen
 */
public record HashFunction(Function function, boolean avalanche) {

    public static final HashFunction DEFAULT = new HashFunction(Function.SDBM, false);

    /**
     * What {@code hash-type <method>} without a function means: sdbm, and for consistent hashing
     * the avalanche modifier too (cfgparse-listen.c "hash-type": consistent with no function
     * implies avalanche).
     */
    public static HashFunction implied(HashType method) {
        return method == HashType.CONSISTENT ? new HashFunction(Function.SDBM, true) : DEFAULT;
    }

    public enum Function {
        SDBM,
        DJB2,
        WT6,
        CRC32,
        /** The key is used as the hash (haproxy 2.8 and later; refused by 2.6). */
        NONE
    }
}
