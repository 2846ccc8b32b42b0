package dev.tandem.vrrp.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.Action.Scope;
import dev.tandem.vrrp.VrrpState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notify scripts run for real: small shell scripts append their argv to a file. */
class NotifierTest {
    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();

    private List<String> script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return List.of(p.toString());
    }

    private List<String> recorder(String name) throws IOException {
        return script(name, "echo \"" + name + " $*\" >> " + dir.resolve("calls"));
    }

    private List<String> calls() throws IOException {
        Path f = dir.resolve("calls");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void specificScriptRunsBeforeGenericNotifyWithFourAppendedArguments() throws IOException {
        NotifyScripts s = new NotifyScripts(recorder("notify"), recorder("master"), recorder("backup"), List.of(),
                List.of());
        try (Notifier n = new Notifier(Map.of("VI_1", s), Duration.ofSeconds(5), Duration.ofSeconds(1), log::add)) {
            n.accept(new Action.Notify(Scope.INSTANCE, "VI_1", VrrpState.MASTER, 150));
            n.accept(new Action.Notify(Scope.INSTANCE, "VI_1", VrrpState.BACKUP, 150));
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().size() == 4);
        }
        assertThat(calls()).containsExactly("master ", "notify INSTANCE VI_1 MASTER 150", "backup ",
                "notify INSTANCE VI_1 BACKUP 150");
    }

    @Test
    void groupsReportPriorityZero() throws IOException {
        NotifyScripts s = new NotifyScripts(recorder("notify"), List.of(), List.of(), List.of(), List.of());
        try (Notifier n = new Notifier(Map.of("VG_1", s), Duration.ofSeconds(5), Duration.ofSeconds(1), log::add)) {
            n.accept(new Action.Notify(Scope.GROUP, "VG_1", VrrpState.FAULT, 0));
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().size() == 1);
        }
        assertThat(calls()).containsExactly("notify GROUP VG_1 FAULT 0");
    }

    @Test
    void quotedNotifyWithOwnArgumentsKeepsThemBeforeTheAppendedOnes() throws IOException {
        List<String> argv = List.of(recorder("notify").getFirst(), "lb1");
        NotifyScripts s = new NotifyScripts(argv, List.of(), List.of(), List.of(), List.of());
        try (Notifier n = new Notifier(Map.of("VI_4", s), Duration.ofSeconds(5), Duration.ofSeconds(1), log::add)) {
            n.accept(new Action.Notify(Scope.INSTANCE, "VI_4", VrrpState.MASTER, 150));
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().size() == 1);
        }
        // keepalived.md §2.1 [RUN]: notify "/x.sh lb1" produced "lb1 INSTANCE VI_4 MASTER 150".
        assertThat(calls()).containsExactly("notify lb1 INSTANCE VI_4 MASTER 150");
    }

    @Test
    void stopScriptOverrunningItsBoundIsKilledAndLaterNotifiesStillRun() throws IOException {
        List<String> slowStop = script("stop", "sleep 30");
        NotifyScripts s = new NotifyScripts(recorder("notify"), List.of(), List.of(), List.of(), slowStop);
        try (Notifier n = new Notifier(Map.of("VI_1", s), Duration.ofSeconds(5), Duration.ofMillis(300), log::add)) {
            n.accept(new Action.Notify(Scope.INSTANCE, "VI_1", VrrpState.STOP, 100));
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().size() == 1);
        }
        assertThat(calls()).containsExactly("notify INSTANCE VI_1 STOP 100");
        assertThat(log).anyMatch(l -> l.contains("timed out after 300 ms - killed"));
    }

    @Test
    void scriptOutputIsLogged() throws IOException {
        NotifyScripts s = new NotifyScripts(List.of(), script("m", "echo taking over"), List.of(), List.of(),
                List.of());
        try (Notifier n = new Notifier(Map.of("VI_1", s), Duration.ofSeconds(5), Duration.ofSeconds(1), log::add)) {
            n.accept(new Action.Notify(Scope.INSTANCE, "VI_1", VrrpState.MASTER, 100));
            await().atMost(Duration.ofSeconds(10)).until(() -> log.stream().anyMatch(l -> l.endsWith(": taking over")));
        }
        assertThat(log).anyMatch(l -> l.endsWith("/m: taking over"));
    }

    @Test
    void missingScriptIsLoggedNotThrown() {
        NotifyScripts s = new NotifyScripts(List.of(dir.resolve("absent").toString()), List.of(), List.of(), List.of(),
                List.of());
        try (Notifier n = new Notifier(Map.of("VI_1", s), Duration.ofSeconds(5), Duration.ofSeconds(1), log::add)) {
            n.accept(new Action.Notify(Scope.INSTANCE, "VI_1", VrrpState.MASTER, 100));
            await().atMost(Duration.ofSeconds(10)).until(() -> !log.isEmpty());
        }
        assertThat(log.getFirst()).contains("cannot be run");
    }
}
