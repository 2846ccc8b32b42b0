package dev.tandem.vrrp.notify;

import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.VrrpState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs notify scripts for {@link Action.Notify} actions: the state-specific script first, then the generic
 * {@code notify} with {@code INSTANCE|GROUP name STATE prio} appended (keepalived vrrp_notify.c;
 * keepalived.md §2.1). One worker runs them in event order, each bounded by a timeout after which it is killed
 * (keepalived gives STOP scripts 1 s); output is logged line by line. {@link #accept} never blocks.
 */
public final class Notifier implements AutoCloseable {
    private final Map<String, NotifyScripts> scripts;
    private final Duration timeout;
    private final Duration stopTimeout;
    private final Consumer<String> log;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("vrrp-notify")
            .factory());

    /**
     * @param scripts by instance or sync-group name (names are unique across both in keepalived.conf)
     */
    public Notifier(Map<String, NotifyScripts> scripts, Duration timeout, Duration stopTimeout, Consumer<String> log) {
        this.scripts = Map.copyOf(scripts);
        this.timeout = timeout;
        this.stopTimeout = stopTimeout;
        this.log = log;
    }

    public void accept(Action.Notify n) {
        NotifyScripts s = scripts.get(n.name());
        if (s == null) {
            return;
        }
        List<List<String>> commands = commands(s, n);
        if (commands.isEmpty()) {
            return;
        }
        Duration bound = n.state() == VrrpState.STOP ? stopTimeout : timeout;
        worker.execute(() -> {
            for (List<String> argv : commands) {
                run(argv, bound);
            }
        });
    }

    /** The argv lists to run, in order. */
    public static List<List<String>> commands(NotifyScripts s, Action.Notify n) {
        List<List<String>> out = new ArrayList<>();
        if (!s.specific(n.state()).isEmpty()) {
            out.add(s.specific(n.state()));
        }
        if (!s.generic().isEmpty() && n.state() != VrrpState.INIT) {
            List<String> argv = new ArrayList<>(s.generic());
            argv.add(n.scope().name());
            argv.add(n.name());
            argv.add(n.state().name());
            argv.add(Integer.toString(n.scope() == Action.Scope.GROUP ? 0 : n.priority()));
            out.add(List.copyOf(argv));
        }
        return out;
    }

    private void run(List<String> argv, Duration bound) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException | RuntimeException e) {
            log.accept("Script " + argv.getFirst() + " cannot be run - " + e.getMessage());
            return;
        }
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.accept("Script " + argv.getFirst() + ": " + line);
                }
            } catch (IOException e) {
                // process gone
            }
        });
        try {
            if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                log.accept("Script " + argv.getFirst() + " timed out after " + bound.toMillis() + " ms - killed");
            } else if (p.exitValue() != 0) {
                log.accept("Script " + argv.getFirst() + " exited with status " + p.exitValue());
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
    }
}
