package dev.tandem.testkit.netns;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a process to completion with a bound on its time, capturing stdout and stderr through files. */
final class Exec {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private Exec() {
    }

    static ExecResult run(List<String> command, String stdin, Duration timeout) {
        Path out = null;
        Path err = null;
        Path in = null;
        try {
            out = Files.createTempFile("tdm-exec", ".out");
            err = Files.createTempFile("tdm-exec", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin != null) {
                in = Files.createTempFile("tdm-exec", ".in");
                Files.writeString(in, stdin);
                pb.redirectInput(in.toFile());
            } else {
                pb.redirectInput(new File("/dev/null"));
            }
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return new ExecResult(command, -1, Files.readString(out, StandardCharsets.UTF_8),
                        "timed out after " + timeout.toMillis() + " ms\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new ExecResult(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
            deleteQuietly(in);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // A leftover temp file is harmless; the result matters more.
            }
        }
    }
}
