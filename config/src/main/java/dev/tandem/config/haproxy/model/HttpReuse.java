package dev.tandem.config.haproxy.model;

/** {@code http-reuse never|safe|aggressive|always}; safe is the default since 2.0. */
public enum HttpReuse {
    NEVER,
    SAFE,
    AGGRESSIVE,
    ALWAYS
}
