package dev.tandem.node;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The node's lifecycle: start what the configuration asks for, wait for SIGTERM or SIGINT, stop
 * cleanly and exit 0 (VTest and systemd treat any other status after SIGINT/SIGTERM as a failure).
 */
public final class Daemon {
    private Daemon() {}

    public static int run(ConfigSet set, Optional<Path> pidFile, PrintWriter out, PrintWriter err) {
        return run(set, pidFile, out, err, 0);
    }

    /**
     * As {@link #run(ConfigSet, Optional, PrintWriter, PrintWriter)}, stopping by itself after
     * {@code stopAfterSeconds} when positive (the demo's bounded mode, used by its test).
     */
    public static int run(ConfigSet set, Optional<Path> pidFile, PrintWriter out, PrintWriter err, int stopAfterSeconds) {
        if (set.hasErrors()) {
            set.diagnostics().forEach(d -> err.println(d.format()));
            err.println("tandem: fatal errors found in configuration; not starting.");
            err.flush();
            return 1;
        }
        set.diagnostics().forEach(d -> err.println(d.format()));
        CountDownLatch stop = new CountDownLatch(1);
        if (stopAfterSeconds <= 0) {
            // SIGINT too must end in exit 0: VTest's -d mode and systemd treat 130 as a failure.
            Signal.handle(new Signal("TERM"), s -> stop.countDown());
            Signal.handle(new Signal("INT"), s -> stop.countDown());
        }
        try (NodeServices services = NodeServices.start(set, out, err)) {
            writePid(pidFile, err);
            err.flush();
            if (stopAfterSeconds > 0) {
                stop.await(stopAfterSeconds, java.util.concurrent.TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            err.println("tandem: stopping.");
            err.flush();
        } catch (NodeServices.StartException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pidFile.ifPresent(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort, as haproxy
                }
            });
        }
        return 0;
    }

    private static void writePid(Optional<Path> pidFile, PrintWriter err) {
        if (pidFile.isEmpty()) {
            return;
        }
        try {
            Files.writeString(pidFile.get(), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            err.println("tandem: cannot write pid file " + pidFile.get() + ": " + e.getMessage());
        }
    }
}
