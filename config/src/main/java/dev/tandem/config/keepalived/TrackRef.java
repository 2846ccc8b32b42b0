package dev.tandem.config.keepalived;

import java.util.OptionalInt;

/** An unresolved {@code track_*} entry: {@code name [weight W] [reverse]}. */
record TrackRef(String name, OptionalInt weight, boolean reverse, Statement at) {}
