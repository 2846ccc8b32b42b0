package dev.tandem.vrrp;

import java.util.Objects;

/**
 * One tracked object of an instance and how it moves the priority (keepalived.conf(5) track_script,
 * track_interface, track_file).
 *
 * @param weight -253..253; 0 means a failure puts the instance in FAULT
 * @param reverse reverses the direction of the adjustment, not the state that triggers it (for weight 0:
 *     FAULT while the object is up; a weight-0 track_file faults on any non-zero value either way)
 * @param initiallyDown vrrp_script {@code init_fail}: failed until the first good result
 */
public record Track(TrackKind kind, String name, int weight, boolean reverse, boolean initiallyDown) {
    /** A track_file result at or below this sum puts the instance in FAULT (keepalived.conf(5) track_file). */
    static final long FILE_FAULT_AT = -254;

    public Track {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
        int bound = kind == TrackKind.FILE ? 254 : 253;
        if (weight < -bound || weight > bound) {
            throw new IllegalArgumentException("weight of " + name + " must be -" + bound + ".." + bound);
        }
    }

    public static Track script(String name, int weight) {
        return new Track(TrackKind.SCRIPT, name, weight, false, false);
    }

    public static Track iface(String name, int weight) {
        return new Track(TrackKind.INTERFACE, name, weight, false, false);
    }

    public static Track file(String name, int weight) {
        return new Track(TrackKind.FILE, name, weight, false, false);
    }

    public static Track tracker(String name, int weight) {
        return new Track(TrackKind.TRACKER, name, weight, false, false);
    }

    Track withWeight(int w) {
        return new Track(kind, name, w, reverse, initiallyDown);
    }

    TrackStatus initialStatus() {
        return switch (kind) {
            case FILE -> TrackStatus.value(0);
            case SCRIPT -> initiallyDown ? TrackStatus.DOWN : TrackStatus.INIT;
            case INTERFACE, TRACKER -> initiallyDown ? TrackStatus.DOWN : TrackStatus.UP;
        };
    }

    /** The priority adjustment for a status, or {@code null} when the status means FAULT. */
    Integer adjustment(TrackStatus status) {
        if (!status.known()) {
            return 0;
        }
        if (kind == TrackKind.FILE) {
            long v = status.value();
            if (weight == 0) {
                return v != 0 ? null : 0;
            }
            long adj = v * (reverse ? -weight : weight);
            return adj <= FILE_FAULT_AT ? null : (int) Math.min(adj, 254);
        }
        boolean up = status.up();
        if (weight == 0) {
            return up != reverse ? 0 : null;
        }
        // keepalived vrrp_track.c: the sign of the weight picks the state that moves the priority (up for
        // positive, down for negative); reverse only flips the direction of that move.
        int effect = reverse ? -weight : weight;
        if (weight > 0) {
            return up ? effect : 0;
        }
        return up ? 0 : effect;
    }
}
