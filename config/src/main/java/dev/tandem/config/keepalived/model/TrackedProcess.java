package dev.tandem.config.keepalived.model;

import java.util.Objects;

/** A {@code track_process} reference resolved to its vrrp_track_process. */
public record TrackedProcess(TrackProcess process, int weight, boolean reverse) {

    public TrackedProcess {
        Objects.requireNonNull(process, "process");
    }
}
