package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real curl binary; a missing binary fails the test (it never skips). */
final class Curl {

    private Curl() {
    }

    /** Runs curl with -s -S and a 20 s bound; returns stdout+stderr, asserting exit status 0. */
    static String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("curl finished").isTrue();
        assertThat(p.exitValue()).as("curl %s: %s", cmd, out).isZero();
        return out;
    }
}
