package dev.tandem.vrrp.track;

import dev.tandem.vrrp.TrackStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs vrrp_scripts as real processes every interval, each bounded by its timeout (killed when it overruns,
 * which counts as a failure), and reports the first result and every later up/down change to a listener. Never runs a script twice at once;
 * never blocks the caller: the listener is called from the runner's own threads.
 */
public final class ScriptRunner implements AutoCloseable {
    private final List<ScriptSettings> scripts;
    private final BiConsumer<String, TrackStatus> onChange;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer;
    private final ConcurrentHashMap<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ScriptHealth> health = new ConcurrentHashMap<>();
    private final boolean root = "root".equals(System.getProperty("user.name"));
    private final java.util.Set<String> firstResult = ConcurrentHashMap.newKeySet();

    public ScriptRunner(List<ScriptSettings> scripts, BiConsumer<String, TrackStatus> onChange, Consumer<String> log) {
        this.scripts = List.copyOf(scripts);
        this.onChange = onChange;
        this.log = log;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("vrrp-script")
                .factory());
        for (ScriptSettings s : scripts) {
            health.put(s.name(), new ScriptHealth(s.rise(), s.fall(), s.initFail()));
            running.put(s.name(), new AtomicBoolean());
        }
    }

    public void start() {
        for (ScriptSettings s : scripts) {
            timer.scheduleWithFixedDelay(() -> launch(s), 0, s.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void launch(ScriptSettings s) {
        AtomicBoolean busy = running.get(s.name());
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("vrrp-script-" + s.name()).start(() -> {
            try {
                boolean ok = runOnce(s);
                ScriptHealth h = health.get(s.name());
                boolean changed;
                synchronized (h) {
                    // The first result is always reported: it takes the engine's track out of its INIT state.
                    changed = h.record(ok) | firstResult.add(s.name());
                }
                if (changed) {
                    log.accept("VRRP_Script(" + s.name() + ") " + (h.up() ? "succeeded" : "failed"));
                    onChange.accept(s.name(), h.up() ? TrackStatus.UP : TrackStatus.DOWN);
                }
            } finally {
                busy.set(false);
            }
        });
    }

    /** Exit status 0 is success; a start failure or an overrun timeout is a failure. */
    boolean runOnce(ScriptSettings s) {
        List<String> argv = new ArrayList<>();
        if (!s.user().isEmpty()) {
            if (root) {
                argv.addAll(List.of("runuser", "-u", s.user(), "--"));
            } else {
                log.accept("VRRP_Script(" + s.name() + ") user " + s.user() + " ignored: not running as root");
            }
        }
        argv.addAll(s.argv());
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException | RuntimeException e) {
            log.accept("VRRP_Script(" + s.name() + ") cannot be run: " + e.getMessage());
            return false;
        }
        Thread drain = Thread.ofVirtual().start(() -> discard(p.getInputStream()));
        try {
            if (!p.waitFor(s.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                log.accept("VRRP_Script(" + s.name() + ") timed out");
                return false;
            }
            drain.join(1000);
            return p.exitValue() == 0;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void discard(InputStream in) {
        try (in) {
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // keepalived discards vrrp_script output too
            }
        } catch (IOException e) {
            // the process is gone; nothing to keep
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
