package dev.tandem.config.keepalived.model;

import java.util.Objects;

/** Where a section or line came from, for runtime log lines that point back at the config. */
public record SourcePosition(String file, int line) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
