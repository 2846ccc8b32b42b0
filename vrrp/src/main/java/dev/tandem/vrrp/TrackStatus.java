package dev.tandem.vrrp;

/**
 * The state of a tracked object: up/down for scripts, interfaces and trackers; a number for track_file.
 *
 * @param known false until a vrrp_script has produced its first result; keepalived's INIT state moves the
 *     priority neither way and is no FAULT (keepalived vrrp_track.c)
 */
public record TrackStatus(boolean up, long value, boolean known) {
    public static final TrackStatus UP = new TrackStatus(true, 0, true);
    public static final TrackStatus DOWN = new TrackStatus(false, 0, true);
    public static final TrackStatus INIT = new TrackStatus(true, 0, false);

    public static TrackStatus value(long v) {
        return new TrackStatus(true, v, true);
    }
}
