package dev.tandem.config.haproxy.model;

/** {@code verify none|optional|required}. */
public enum TlsVerify {
    NONE,
    OPTIONAL,
    REQUIRED
}
