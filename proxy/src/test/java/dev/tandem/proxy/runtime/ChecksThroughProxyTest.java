package dev.tandem.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.proxy.lb.ServerStatus;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health checks of the running proxy against real servers that misbehave (configuration.txt
 * §4.2 "option httpchk", "timeout check", §5.2 "check"), and where their lines go: the backend's
 * log targets at haproxy's levels (server.c srv_update_status: DOWN is an alert, UP a notice;
 * backend.c set_backend_down: "no server available" an emergency) and stderr.
 */
class ChecksThroughProxyTest {

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

    private HttpBackend app(String name, Function<String, Reply> health) throws Exception {
        HttpBackend b = HttpBackend.start(r -> r.uri().equals("/health") ? health.apply(name) : Reply.ok(name));
        backends.add(b);
        return b;
    }

    private void start(String logLine, String backendLines) throws Exception {
        live = LiveProxy.start(dir, LiveProxy.HTTP_FRONTEND + "    " + logLine + "\n    option httpchk GET /health\n"
                + backendLines);
    }

    /** Without it a check must answer within inter (100ms here); a busy test machine's first check misses that. */
    private static String patient(String backendLines) {
        return "    timeout check 2s\n" + backendLines;
    }

    private Map<String, Integer> count(int requests) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> r = live.get("/");
            seen.merge(r.statusCode() == 200 ? r.body() : Integer.toString(r.statusCode()), 1, Integer::sum);
        }
        return seen;
    }

    private String awaitLine(String part) {
        await().atMost(PATIENCE).until(() -> !live.log(part).isEmpty());
        return live.log(part).getFirst();
    }

    @Test
    void aServerAnswering500ToItsCheckIsDownAndGetsNoTraffic() throws Exception {
        HttpBackend a = app("app1", n -> Reply.ok("fine"));
        HttpBackend b = app("app2", n -> Reply.status(500, "broken"));
        start("log ${LOG} local0", patient("""
                    default-server check inter 100ms
                    server app1 127.0.0.1:%d
                    server app2 127.0.0.1:%d
                """.formatted(a.port(), b.port())));
        String down = awaitLine("is DOWN");
        assertThat(down).startsWith("<129>").containsPattern("\\]: Server be/app2 is DOWN, reason: Layer7 wrong status,"
                + " code: 500, info: \"Internal Server Error\", check duration: \\d+ms\\. 1 active and 0 backup servers"
                + " left\\. 0 sessions active, 0 requeued, 0 remaining in queue\\.$");
        assertThat(count(4)).containsExactlyEntriesOf(Map.of("app1", 4));
        assertThat(live.proxy.backendState("be").orElseThrow()).extracting(s -> s.status())
                .containsExactly(ServerStatus.UP, ServerStatus.DOWN);
        assertThat(live.proxy.backendState("be").orElseThrow().get(1).lastCheck().code()).isEqualTo(500);
    }

    @Test
    void aServerWhoseCheckHangsIsDownAfterTimeoutCheck() throws Exception {
        HttpBackend a = app("app1", n -> Reply.ok("fine"));
        HttpBackend b = app("app2", n -> Reply.hang());
        start("log ${LOG} local0", """
                    timeout check 300ms
                    default-server check inter 100ms
                    server app1 127.0.0.1:%d
                    server app2 127.0.0.1:%d
                """.formatted(a.port(), b.port()));
        String down = awaitLine("is DOWN");
        assertThat(down).containsPattern("\\]: Server be/app2 is DOWN, reason: Layer7 timeout, check duration:"
                + " (\\d+)ms\\. 1 active and 0 backup servers left\\.");
        long duration = Long.parseLong(down.replaceAll(".*check duration: (\\d+)ms.*", "$1"));
        assertThat(duration).as("the check waited its timeout").isGreaterThanOrEqualTo(300);
        assertThat(count(4)).containsExactlyEntriesOf(Map.of("app1", 4));
    }

    @Test
    void theLastServerDownIsAnEmergencyInTheLogAndAnAlertOnStderrThenRequestsGet503() throws Exception {
        HttpBackend a = app("app1", n -> Reply.status(503, "maintenance"));
        start("log ${LOG} local0", patient("""
                    server app1 127.0.0.1:%d check inter 100ms
                """.formatted(a.port())));
        String noServer = awaitLine("has no server available");
        assertThat(noServer).startsWith("<128>").endsWith("]: backend be has no server available!");
        await().atMost(PATIENCE).until(() -> live.console().stream().anyMatch(l -> l.contains("no server")));
        // errors.c print_message: the label padded to ten columns, then " (pid) : "
        assertThat(live.console()).anySatisfy(l -> assertThat(l)
                .matches("\\[ALERT\\]    \\(\\d+\\) : backend 'be' has no server available!"));
        assertThat(live.console()).anySatisfy(l -> assertThat(l)
                .matches("\\[WARNING\\]  \\(\\d+\\) : Server be/app1 is DOWN, reason: Layer7 wrong status, code: 503,"
                        + " info: \"Service Unavailable\", check duration: \\d+ms\\. 0 active and 0 backup servers left\\. 0 sessions"
                        + " active, 0 requeued, 0 remaining in queue\\."));
        HttpResponse<String> r = live.get("/");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("No server is available to handle this request.");

        a.reply(req -> Reply.ok("back"));
        String up = awaitLine("is UP");
        assertThat(up).startsWith("<133>");
        assertThat(count(2)).containsExactlyEntriesOf(Map.of("back", 2));
    }

    @Test
    void logLevelsFilterAndCapStateChangeLines() throws Exception {
        HttpBackend a = app("app1", n -> Reply.status(503, "maintenance"));
        // "log <target> <facility> <max level> <min level>" (configuration.txt §3.1 "log"):
        // nothing less severe than alert, and nothing more severe than alert either
        start("log ${LOG} local0 alert alert", patient("""
                    server app1 127.0.0.1:%d check inter 100ms
                """.formatted(a.port())));
        String noServer = awaitLine("has no server available");
        assertThat(noServer).as("emerg capped to alert").startsWith("<129>");
        assertThat(awaitLine("is DOWN")).startsWith("<129>");
        a.reply(req -> Reply.ok("back"));
        await().atMost(PATIENCE).until(() -> live.proxy.backendState("be").orElseThrow().getFirst().status()
                == ServerStatus.UP);
        await().atMost(PATIENCE).until(() -> live.console().stream().anyMatch(l -> l.contains("is UP")));
        assertThat(live.log("is UP")).as("a notice is above the alert filter").isEmpty();
    }

    /** A server whose replies to "/hold" wait for the latch and whose checks follow {@code healthy}. */
    private HttpBackend switchable(String name, java.util.concurrent.atomic.AtomicBoolean healthy,
            java.util.concurrent.CountDownLatch release) throws Exception {
        HttpBackend b = HttpBackend.start(r -> {
            if (r.uri().equals("/health")) {
                return healthy.get() ? Reply.ok("fine") : Reply.status(500, "sick");
            }
            if (r.uri().startsWith("/hold")) {
                try {
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Reply.ok(name);
        });
        backends.add(b);
        return b;
    }

    /**
     * A request on a raw connection: the JDK client would replay a GET whose connection closed
     * before any answer, hiding the kill.
     */
    private java.net.Socket held(String path) throws Exception {
        java.net.Socket c = new java.net.Socket("127.0.0.1", live.port);
        c.setSoTimeout(20000);
        c.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes());
        return c;
    }

    @Test
    void onMarkedDownShutdownSessionsKillsTheStreamsOfTheServerThatWentDown() throws Exception {
        var healthy = new java.util.concurrent.atomic.AtomicBoolean(true);
        var release = new java.util.concurrent.CountDownLatch(1);
        try {
            HttpBackend a = switchable("app1", healthy, release);
            start("log ${LOG} local0", patient("""
                        server app1 127.0.0.1:%d check inter 100ms on-marked-down shutdown-sessions
                    """.formatted(a.port())));
            try (java.net.Socket c = held("/hold/1")) {
                a.take();
                healthy.set(false);
                awaitLine("is DOWN");
                // the client's connection is closed under it, without an answer
                assertThat(c.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(live.proxy.backendState("be").orElseThrow().getFirst().sessions()).isZero();
        } finally {
            release.countDown();
        }
    }

    @Test
    void onMarkedUpShutdownBackupSessionsKillsTheBackupsStreamsWhenTheActiveServerReturns() throws Exception {
        var activeHealthy = new java.util.concurrent.atomic.AtomicBoolean(false);
        var backupHealthy = new java.util.concurrent.atomic.AtomicBoolean(true);
        var release = new java.util.concurrent.CountDownLatch(1);
        try {
            HttpBackend a = switchable("active", activeHealthy, release);
            HttpBackend b = switchable("backup", backupHealthy, release);
            start("log ${LOG} local0", patient("""
                        server active 127.0.0.1:%d check inter 100ms on-marked-up shutdown-backup-sessions
                        server backup 127.0.0.1:%d backup
                    """.formatted(a.port(), b.port())));
            awaitLine("is DOWN");
            try (java.net.Socket c = held("/hold/on-backup")) {
                b.take();
                activeHealthy.set(true);
                awaitLine("is UP");
                assertThat(c.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(live.get("/next").body()).isEqualTo("active");
        } finally {
            release.countDown();
        }
    }
}
