package dev.tandem.vrrp;

/**
 * The state of a tracked object: up/down for scripts, interfaces and trackers; a number for track_file.
 */
public record TrackStatus(boolean up, long value) {
    public static final TrackStatus UP = new TrackStatus(true, 0);
    public static final TrackStatus DOWN = new TrackStatus(false, 0);

    public static TrackStatus value(long v) {
        return new TrackStatus(true, v);
    }
}
