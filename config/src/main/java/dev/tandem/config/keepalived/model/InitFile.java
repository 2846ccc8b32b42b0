package dev.tandem.config.keepalived.model;

/** {@code init_file [VALUE] [overwrite]} of a vrrp_track_file: the value written at start-up. */
public record InitFile(long value, boolean overwrite) {}
