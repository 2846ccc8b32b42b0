package dev.tandem.config.keepalived.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code vrrp_track_file NAME { file PATH; weight W [reverse]; init_file [V] [overwrite] }}: the
 * number in the file, times the weight, adjusts priority; weight 0 and a non-zero value mean FAULT.
 */
public record TrackFile(String name, Path file, int weight, boolean reverse, Optional<InitFile> initFile,
        SourcePosition source) {

    public TrackFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(initFile, "initFile");
        Objects.requireNonNull(source, "source");
    }
}
