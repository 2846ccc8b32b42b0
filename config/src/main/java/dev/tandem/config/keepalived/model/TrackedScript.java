package dev.tandem.config.keepalived.model;

import java.util.Objects;

/**
 * A {@code track_script} reference resolved to its vrrp_script; the weight is the one written on
 * the reference, else the script's own.
 */
public record TrackedScript(VrrpScript script, int weight, boolean reverse) {

    public TrackedScript {
        Objects.requireNonNull(script, "script");
    }
}
