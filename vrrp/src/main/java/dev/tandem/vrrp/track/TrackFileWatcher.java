package dev.tandem.vrrp.track;

import dev.tandem.vrrp.TrackStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Polls vrrp_track_file files and reports value changes (keepalived watches them with inotify; a poll keeps
 * this portable and the period bounds the delay). The first read is always reported.
 */
public final class TrackFileWatcher implements AutoCloseable {
    private final Map<String, Path> files;
    private final Duration period;
    private final BiConsumer<String, TrackStatus> onChange;
    private final Consumer<String> log;
    private final Map<String, TrackStatus> last = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("vrrp-track-file").factory());

    public TrackFileWatcher(Map<String, Path> files, Duration period, BiConsumer<String, TrackStatus> onChange,
                            Consumer<String> log) {
        this.files = Map.copyOf(files);
        this.period = period;
        this.onChange = onChange;
        this.log = log;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::poll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        for (Map.Entry<String, Path> e : files.entrySet()) {
            TrackStatus now;
            try {
                now = TrackFileValue.read(e.getValue());
            } catch (IOException | RuntimeException ex) {
                log.accept("track_file " + e.getKey() + ": cannot read " + e.getValue() + " - " + ex.getMessage());
                continue;
            }
            if (!now.equals(last.put(e.getKey(), now))) {
                onChange.accept(e.getKey(), now);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
