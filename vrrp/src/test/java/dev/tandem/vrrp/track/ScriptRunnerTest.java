package dev.tandem.vrrp.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.vrrp.TrackStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vrrp_script run as real processes. */
class ScriptRunnerTest {
    @TempDir
    Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void exitStatusDrivesUpAndDownThroughRiseAndFall() throws IOException {
        Path flag = dir.resolve("healthy");
        Files.writeString(flag, "");
        Path chk = script("chk.sh", "test -e " + flag);
        ScriptSettings s = new ScriptSettings("chk", List.of(chk.toString()), Duration.ofMillis(50),
                Duration.ofSeconds(5), 2, 2, false, "");
        try (ScriptRunner r = new ScriptRunner(List.of(s), (n, st) -> events.add(n + " " + st.up()), log::add)) {
            r.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("chk true"));
            Files.delete(flag);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("chk false"));
            Files.writeString(flag, "");
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 3);
        }
        // The first result leaves keepalived's INIT state; then rise/fall decide each change.
        assertThat(events).containsExactly("chk true", "chk false", "chk true");
    }

    @Test
    void scriptOverrunningItsTimeoutIsKilledAndCountsAsFailure() throws IOException {
        Path slow = script("slow.sh", "sleep 30");
        ScriptSettings s = new ScriptSettings("slow", List.of(slow.toString()), Duration.ofSeconds(10),
                Duration.ofMillis(200), 1, 1, false, "");
        try (ScriptRunner r = new ScriptRunner(List.of(s), (n, st) -> events.add(n + " " + st.up()), log::add)) {
            r.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("slow false"));
        }
        assertThat(log).anyMatch(l -> l.contains("VRRP_Script(slow) timed out"));
    }

    @Test
    void missingProgramIsAFailureWithAClearReason() {
        ScriptSettings s = new ScriptSettings("gone", List.of(dir.resolve("nope").toString()), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 1, 1, false, "");
        try (ScriptRunner r = new ScriptRunner(List.of(s), (n, st) -> events.add(n + " " + st.up()), log::add)) {
            r.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("gone false"));
        }
        assertThat(log).anyMatch(l -> l.startsWith("VRRP_Script(gone) cannot be run"));
    }

    @Test
    void initFailReportsUpOnlyAfterFirstSuccess() throws IOException {
        Path ok = script("ok.sh", "exit 0");
        ScriptSettings s = new ScriptSettings("ok", List.of(ok.toString()), Duration.ofSeconds(10),
                Duration.ofSeconds(5), 1, 1, true, "");
        try (ScriptRunner r = new ScriptRunner(List.of(s), (n, st) -> events.add(n + " " + st.up()), log::add)) {
            r.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("ok true"));
        }
        assertThat(events).containsExactly("ok true");
    }

    @Test
    void trackerReportsOnlyChanges() {
        Tracker t = new Tracker("proxy", (n, st) -> events.add(n + " " + st.equals(TrackStatus.UP)));
        t.set(true);
        t.set(false);
        t.set(false);
        t.set(true);
        assertThat(events).containsExactly("proxy false", "proxy true");
    }
}
