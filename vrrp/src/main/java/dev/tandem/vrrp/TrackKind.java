package dev.tandem.vrrp;

/** What a tracked object is: keepalived's track_script, track_interface, track_file, or an in-process Tracker. */
public enum TrackKind {
    SCRIPT,
    INTERFACE,
    FILE,
    TRACKER
}
