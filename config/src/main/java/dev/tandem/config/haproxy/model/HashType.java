package dev.tandem.config.haproxy.model;

/** {@code hash-type map-based|consistent} (the hash function is sdbm unless told). */
public enum HashType {
    MAP_BASED,
    CONSISTENT
}
