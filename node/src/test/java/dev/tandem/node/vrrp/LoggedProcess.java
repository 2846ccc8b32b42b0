package dev.tandem.node.vrrp;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real process started in a lab namespace ({@code ip netns exec} execs in place, so the pid is the
 * program's), its stdout and stderr in one file that tests wait on.
 */
class LoggedProcess implements AutoCloseable {
    private final String label;
    private final Process process;
    private final Path log;

    LoggedProcess(String label, List<String> argv, Path log) {
        this.label = label;
        this.log = log;
        try {
            this.process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the log has a line matching {@code regex}; fails with the whole log otherwise. */
    void awaitLog(String regex, Duration atMost) {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        try {
            await(label + " logs /" + regex + "/").atMost(atMost).pollInterval(Duration.ofMillis(20))
                    .until(() -> p.matcher(log()).find() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n--- " + label + " log ---\n" + log(), e);
        }
        if (!p.matcher(log()).find()) {
            throw new AssertionError(label + " exited with " + process.exitValue() + " before logging /" + regex
                    + "/\n--- " + label + " log ---\n" + log());
        }
    }

    long count(String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE).matcher(log()).results().count();
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** SIGKILL: no priority 0, no VIP removal. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait for the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(label + " did not exit 10 s after SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return label;
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
