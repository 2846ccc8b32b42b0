package dev.tandem.vrrp.track;

import dev.tandem.vrrp.TrackStatus;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An in-process tracked object (e.g. the proxy's own health) that instances list as {@code TrackKind.TRACKER}
 * tracks; only changes reach the listener, which forwards them to the engine's thread.
 */
public final class Tracker {
    private final String name;
    private final BiConsumer<String, TrackStatus> onChange;
    private boolean up = true;

    public Tracker(String name, BiConsumer<String, TrackStatus> onChange) {
        this.name = Objects.requireNonNull(name);
        this.onChange = Objects.requireNonNull(onChange);
    }

    public String name() {
        return name;
    }

    public synchronized boolean up() {
        return up;
    }

    public void set(boolean healthy) {
        synchronized (this) {
            if (up == healthy) {
                return;
            }
            up = healthy;
        }
        onChange.accept(name, healthy ? TrackStatus.UP : TrackStatus.DOWN);
    }
}
