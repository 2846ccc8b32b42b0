package dev.tandem.config.keepalived.model;

import java.util.Objects;

/** A {@code track_interface} entry: down means FAULT with weight 0, else priority ± weight. */
public record TrackedInterface(String name, int weight, boolean reverse) {

    public TrackedInterface {
        Objects.requireNonNull(name, "name");
    }
}
