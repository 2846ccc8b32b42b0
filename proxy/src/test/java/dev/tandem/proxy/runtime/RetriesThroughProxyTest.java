package dev.tandem.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.proxy.lb.ServerStatus;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RecordedRequest;
import dev.tandem.testkit.http.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed attempts through the running proxy (configuration.txt §4.2 "retries", "retry-on",
 * "option redispatch", §5.2 "observe", "on-error", "error-limit"), with the log fields haproxy
 * writes for them: {@code %rc} with its '+' when the retry went to another server, {@code %tsc}.
 */
class RetriesThroughProxyTest {

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

    private HttpBackend backend(java.util.function.Function<RecordedRequest, Reply> replies) throws Exception {
        HttpBackend b = HttpBackend.start(replies);
        backends.add(b);
        return b;
    }

    private void start(String defaultsLines, String backendLines) throws Exception {
        live = LiveProxy.start(dir, """
                defaults
                    mode http
                    timeout client 30s
                    timeout server 30s
                """ + defaultsLines + """
                frontend fe
                    bind 127.0.0.1:${PORT}
                    log ${LOG} local0
                    option httplog
                    default_backend be
                backend be
                    log ${LOG} local0
                """ + backendLines);
    }

    private List<HttpLogLine> awaitTraffic(int n) {
        await().atMost(PATIENCE).until(() -> live.httpLog().size() >= n);
        return live.httpLog();
    }

    @Test
    void redispatchTakesARefusedRequestToTheLiveServerAtOnce() throws Exception {
        HttpBackend ok = backend(r -> Reply.ok("live"));
        int dead = LiveProxy.freePort();
        start("""
                    timeout connect 2s
                    option redispatch
                """, """
                    server dead 127.0.0.1:%d
                    server live 127.0.0.1:%d
                """.formatted(dead, ok.port()));
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = live.get("/r" + i);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("live");
        }
        List<HttpLogLine> lines = awaitTraffic(4);
        assertThat(lines).extracting(HttpLogLine::server).containsOnly("live");
        assertThat(lines).extracting(HttpLogLine::tsc).containsOnly("----");
        // stream.h stream_choose_redispatch: round robin, not persistent, two active servers -> redispatch at
        // once; the redispatch takes live's turn, so every request meets dead first (as haproxy 2.6.12 logged)
        assertThat(lines).extracting(HttpLogLine::retries).containsExactly("+1", "+1", "+1", "+1");
    }

    @Test
    void withoutRedispatchARefusedServerIsRetriedThreeTimesThen503SC() throws Exception {
        int dead = LiveProxy.freePort();
        start("""
                    timeout connect 100ms
                """, """
                    server dead 127.0.0.1:%d
                """.formatted(dead));
        HttpResponse<String> r = live.get("/x");
        assertThat(r.statusCode()).isEqualTo(503);
        HttpLogLine l = awaitTraffic(1).getFirst();
        // haproxy.md §2: "a refused connection gave 503 ... 3 retries, SC--, retries=3 in the log"
        assertThat(l.server()).isEqualTo("dead");
        assertThat(l.tsc()).isEqualTo("SC--");
        assertThat(l.retries()).isEqualTo("3");
        assertThat(l.tc()).isEqualTo(-1);
        assertThat(l.tw()).as("never queued").isNotNegative();
    }

    @Test
    void retriesZeroGivesUpAtTheFirstRefusal() throws Exception {
        int dead = LiveProxy.freePort();
        start("""
                    timeout connect 1s
                    retries 0
                """, """
                    server dead 127.0.0.1:%d
                """.formatted(dead));
        assertThat(live.get("/x").statusCode()).isEqualTo(503);
        assertThat(awaitTraffic(1).getFirst().retries()).isEqualTo("0");
    }

    @Test
    void retryOnEmptyResponseReplaysOnTheOtherServer() throws Exception {
        HttpBackend closer = backend(r -> Reply.close());
        HttpBackend ok = backend(r -> Reply.ok("live " + r.method() + " " + r.bodyText()));
        start("""
                    timeout connect 2s
                    option redispatch
                    retry-on conn-failure empty-response
                """, """
                    server closer 127.0.0.1:%d
                    server live 127.0.0.1:%d
                """.formatted(closer.port(), ok.port()));
        for (int i = 0; i < 4; i++) {
            assertThat(live.get("/g" + i).body()).isEqualTo("live GET ");
        }
        // haproxy 2.6 replays any method once retry-on asks for it (configuration.txt "retry-on" puts
        // replay safety on the operator); the body goes again, whole
        HttpResponse<String> post = live.client.send(HttpRequest.newBuilder(live.uri("/p"))
                .POST(HttpRequest.BodyPublishers.ofString("payload")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("live POST payload");
        assertThat(closer.connections()).as("the closing server did get requests").isPositive();
        List<HttpLogLine> lines = awaitTraffic(5);
        assertThat(lines).extracting(HttpLogLine::server).containsOnly("live");
        assertThat(lines).extracting(HttpLogLine::retries).contains("+1");
    }

    @Test
    void withoutRetryOnAnEmptyResponseIs502SH() throws Exception {
        HttpBackend closer = backend(r -> Reply.close());
        start("""
                    timeout connect 2s
                """, """
                    server closer 127.0.0.1:%d
                """.formatted(closer.port()));
        HttpResponse<String> r = live.get("/x");
        assertThat(r.statusCode()).isEqualTo(502);
        HttpLogLine l = awaitTraffic(1).getFirst();
        assertThat(l.tsc()).isEqualTo("SH--");
        assertThat(l.retries()).isEqualTo("0");
    }

    @Test
    void retryOnStatusTriesAnotherServerAndForwardsTheLastAnswerWhenNoneIsLeft() throws Exception {
        HttpBackend sick = backend(r -> Reply.status(503, "sick says no"));
        HttpBackend ok = backend(r -> Reply.ok("live"));
        start("""
                    timeout connect 2s
                    option redispatch
                    retry-on 503
                """, """
                    server sick 127.0.0.1:%d
                    server live 127.0.0.1:%d
                """.formatted(sick.port(), ok.port()));
        for (int i = 0; i < 4; i++) {
            assertThat(live.get("/s" + i).body()).isEqualTo("live");
        }
        assertThat(sick.pending()).as("the sick server was asked and its answer dropped").isPositive();

        // only the sick server left: after the retries its own 503 goes to the client as it is
        live.close();
        live = null;
        start("""
                    timeout connect 2s
                    retry-on 503
                """, """
                    server sick 127.0.0.1:%d
                """.formatted(sick.port()));
        HttpResponse<String> r = live.get("/only");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("sick says no");
        HttpLogLine l = awaitTraffic(1).getFirst();
        assertThat(l.tsc()).isEqualTo("----");
        assertThat(l.status()).isEqualTo(503);
    }

    @Test
    void observeLayer4MarksARefusingServerDownAtTheFirstErrorAndTheRequestGoesElsewhere() throws Exception {
        HttpBackend ok = backend(r -> Reply.ok("live"));
        int dead = LiveProxy.freePort();
        // the dead server's checks go to the live port, so only the observed traffic can take it down
        start("""
                    timeout connect 300ms
                    option redispatch
                """, """
                    balance leastconn
                    server dead 127.0.0.1:%d check port %d inter 30s observe layer4 error-limit 1 on-error mark-down
                    server live 127.0.0.1:%d
                """.formatted(dead, ok.port(), ok.port()));
        for (int i = 0; i < 4; i++) {
            assertThat(live.get("/o" + i).body()).isEqualTo("live");
        }
        // word for word what haproxy 2.6.12 logged for this config (check.c __health_adjust, mark-down);
        // the stream that saw the error still holds its slot: "1 sessions active"
        String down = "Server be/dead is DOWN, reason: Health analyze, info: \"Detected 1 consecutive errors, last one"
                + " was: L4 unsuccessful connection\". 1 active and 0 backup servers left. 1 sessions active, 0 requeued,"
                + " 0 remaining in queue.";
        await().atMost(PATIENCE).until(() -> !live.log("is DOWN").isEmpty());
        assertThat(live.log("is DOWN")).hasSize(1);
        assertThat(live.log("is DOWN").getFirst()).startsWith("<129>").endsWith("]: " + down);
        assertThat(live.proxy.backendState("be").orElseThrow().getFirst().status()).isEqualTo(ServerStatus.DOWN);
        List<HttpLogLine> lines = awaitTraffic(4);
        assertThat(lines).extracting(HttpLogLine::server).containsOnly("live");
        // leastconn is not round-robin-like, but the server went DOWN: redispatched, after the turn-around
        // because one active server was left (haproxy 2.6.12: "0/1002/0/2/1004 ... +1")
        assertThat(lines.getFirst().retries()).isEqualTo("+1");
        assertThat(lines.getFirst().tw()).isGreaterThanOrEqualTo(300);
        assertThat(lines.subList(1, 4)).extracting(HttpLogLine::retries).containsOnly("0");
        await().atMost(PATIENCE).until(() -> live.console().stream().anyMatch(l -> l.contains("is DOWN")));
        assertThat(live.console()).anySatisfy(l -> assertThat(l).matches("\\[WARNING\\]  \\(\\d+\\) : \\Q" + down + "\\E"));
    }

    @Test
    void retryOnEmptyResponseWithOneServerTriesFourTimesThen502SHWithThreeRetries() throws Exception {
        HttpBackend closer = backend(r -> Reply.close());
        start("""
                    timeout connect 2s
                    retry-on empty-response
                """, """
                    server closer 127.0.0.1:%d
                """.formatted(closer.port()));
        assertThat(live.get("/x").statusCode()).isEqualTo(502);
        // haproxy 2.6.12 with this config: four connections to the server, "SH-- ... 1/1/0/0/3"
        HttpLogLine l = awaitTraffic(1).getFirst();
        assertThat(l.tsc()).isEqualTo("SH--");
        assertThat(l.retries()).isEqualTo("3");
        await().atMost(PATIENCE).until(() -> closer.connections() == 4);
    }
}
