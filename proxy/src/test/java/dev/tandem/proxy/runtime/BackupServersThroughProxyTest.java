package dev.tandem.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.proxy.lb.ServerSnapshot;
import dev.tandem.proxy.lb.ServerStatus;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.Reply;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup servers, {@code option allbackups} and {@code disabled} through the running proxy
 * (configuration.txt §5.2 "backup", "disabled", §4.2 "option allbackups"): backups take traffic
 * only while no active server is usable.
 */
class BackupServersThroughProxyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<HttpBackend> backends = new ArrayList<>();
    private LiveProxy live;

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        backends.forEach(HttpBackend::close);
    }

    private HttpBackend backend(String name) throws Exception {
        HttpBackend b = HttpBackend.start(r -> Reply.ok(name));
        backends.add(b);
        return b;
    }

    private void start(String backendLines) throws Exception {
        live = LiveProxy.start(dir, LiveProxy.HTTP_FRONTEND + "    log ${LOG} local0\n" + backendLines);
    }

    private Map<String, Integer> count(int requests) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            var r = live.get("/");
            assertThat(r.statusCode()).isEqualTo(200);
            seen.merge(r.body(), 1, Integer::sum);
        }
        return seen;
    }

    @Test
    void withTheActiveServerDisabledTheFirstBackupTakesEverything() throws Exception {
        HttpBackend a = backend("active");
        HttpBackend b1 = backend("backup1");
        HttpBackend b2 = backend("backup2");
        start("""
                    server active 127.0.0.1:%d disabled
                    server backup1 127.0.0.1:%d backup
                    server backup2 127.0.0.1:%d backup
                """.formatted(a.port(), b1.port(), b2.port()));
        assertThat(count(4)).containsExactlyEntriesOf(Map.of("backup1", 4));
        assertThat(live.proxy.backendState("be").orElseThrow()).extracting(ServerSnapshot::status)
                .containsExactly(ServerStatus.MAINT, ServerStatus.UP, ServerStatus.UP);
    }

    @Test
    void allbackupsSharesTheLoadOverEveryBackup() throws Exception {
        HttpBackend a = backend("active");
        HttpBackend b1 = backend("backup1");
        HttpBackend b2 = backend("backup2");
        start("""
                    option allbackups
                    server active 127.0.0.1:%d disabled
                    server backup1 127.0.0.1:%d backup
                    server backup2 127.0.0.1:%d backup
                """.formatted(a.port(), b1.port(), b2.port()));
        assertThat(count(4)).containsExactlyInAnyOrderEntriesOf(Map.of("backup1", 2, "backup2", 2));
    }

    @Test
    void theBackupServesOnlyWhileTheActiveServerIsDown() throws Exception {
        HttpBackend a = backend("active");
        HttpBackend b = backend("backup");
        InetSocketAddress activeAddress = a.address();
        start("""
                    server active 127.0.0.1:%d check inter 100ms fall 1 rise 1
                    server backup 127.0.0.1:%d backup
                """.formatted(a.port(), b.port()));
        assertThat(count(3)).containsExactlyEntriesOf(Map.of("active", 3));

        a.close();
        await().atMost(PATIENCE).until(() -> !live.log("is DOWN").isEmpty());
        assertThat(live.log("is DOWN").getFirst()).contains("Server be/active is DOWN, reason: Layer4 connection problem,"
                + " info: \"Connection refused\"").contains("0 active and 1 backup servers left. Running on backup.");
        assertThat(count(3)).containsExactlyEntriesOf(Map.of("backup", 3));

        backends.add(HttpBackend.startOn(activeAddress, r -> Reply.ok("active again")));
        await().atMost(PATIENCE).until(() -> !live.log("is UP").isEmpty());
        assertThat(count(3)).containsExactlyEntriesOf(Map.of("active again", 3));
    }
}
