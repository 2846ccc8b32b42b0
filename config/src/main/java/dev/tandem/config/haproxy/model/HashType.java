package dev.tandem.config.haproxy.model;

/**
 * The method of {@code hash-type map-based|consistent}; its function and modifier are
 * {@link Proxy#hashFunction()}.
 */
public enum HashType {
    MAP_BASED,
    CONSISTENT
}
