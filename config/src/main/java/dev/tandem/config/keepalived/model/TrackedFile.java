package dev.tandem.config.keepalived.model;

import java.util.Objects;

/** A {@code track_file} reference resolved to its vrrp_track_file. */
public record TrackedFile(TrackFile file, int weight, boolean reverse) {

    public TrackedFile {
        Objects.requireNonNull(file, "file");
    }
}
