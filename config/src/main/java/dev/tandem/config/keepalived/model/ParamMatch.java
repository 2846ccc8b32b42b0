package dev.tandem.config.keepalived.model;

/** How a vrrp_track_process matches {@code param}: the whole argument list or a prefix of it. */
public enum ParamMatch {
    EXACT,
    PARTIAL,
    INITIAL
}
