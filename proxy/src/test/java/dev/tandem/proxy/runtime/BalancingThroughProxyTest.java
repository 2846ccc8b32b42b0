package dev.tandem.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.Reply;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each {@code balance} algorithm through the running proxy (configuration.txt §4.2 "balance"):
 * real backends on loopback that answer with their own name, real clients, counts asserted exactly.
 */
class BalancingThroughProxyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<HttpBackend> backends = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private LiveProxy live;

    @BeforeEach
    void startBackends() throws Exception {
        for (String name : List.of("app1", "app2", "app3")) {
            backends.add(HttpBackend.start(r -> {
                if (r.uri().startsWith("/hold")) {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return Reply.ok(name);
            }));
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (live != null) {
            live.close();
        }
        backends.forEach(HttpBackend::close);
    }

    private LiveProxy start(String backendLines) throws Exception {
        live = LiveProxy.start(dir, LiveProxy.HTTP_FRONTEND_LOGGED + backendLines.formatted(backends.get(0).port(), backends.get(1).port(), backends.get(2).port()));
        return live;
    }

    private Map<String, Integer> count(int requests, String path) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> r = live.get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            seen.merge(r.body(), 1, Integer::sum);
        }
        return seen;
    }

    @Test
    void roundrobinFollowsWeightsOneTwoThreeOverEachCycle() throws Exception {
        start("""
                    balance roundrobin
                    server app1 127.0.0.1:%d weight 1
                    server app2 127.0.0.1:%d weight 2
                    server app3 127.0.0.1:%d weight 3
                """);
        // a cycle is the total weight, 6 requests: 1, 2 and 3 of them
        assertThat(count(6, "/")).containsExactlyInAnyOrderEntriesOf(Map.of("app1", 1, "app2", 2, "app3", 3));
        assertThat(count(12, "/")).containsExactlyInAnyOrderEntriesOf(Map.of("app1", 2, "app2", 4, "app3", 6));
    }

    @Test
    void leastconnSendsToTheServerWithoutSessionsAndCountsThemBackDown() throws Exception {
        start("""
                    balance leastconn
                    server app1 127.0.0.1:%d
                    server app2 127.0.0.1:%d
                    server app3 127.0.0.1:%d
                """);
        List<CompletableFuture<HttpResponse<String>>> held = List.of(live.getAsync("/hold"), live.getAsync("/hold"));
        await().atMost(PATIENCE).until(() -> sessions().values().stream().mapToInt(Integer::intValue).sum() == 2);
        Set<String> busy = new HashSet<>();
        sessions().forEach((name, n) -> {
            if (n > 0) {
                busy.add(name);
            }
        });
        assertThat(busy).as("two held requests on two different servers").hasSize(2);
        String idle = List.of("app1", "app2", "app3").stream().filter(n -> !busy.contains(n)).findFirst().orElseThrow();
        assertThat(count(5, "/quick")).containsExactlyEntriesOf(Map.of(idle, 5));

        release.countDown();
        for (CompletableFuture<HttpResponse<String>> f : held) {
            assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        await().atMost(PATIENCE).until(() -> sessions().values().stream().allMatch(n -> n == 0));
        // with every server idle again, ties rotate over all three
        assertThat(count(3, "/quick")).containsExactlyInAnyOrderEntriesOf(Map.of("app1", 1, "app2", 1, "app3", 1));
    }

    private Map<String, Integer> sessions() {
        Map<String, Integer> out = new HashMap<>();
        live.proxy.backendState("be").orElseThrow().forEach(s -> out.put(s.name(), s.sessions()));
        return out;
    }

    /** One request on its own connection from a chosen loopback source address. */
    private String getFrom(String sourceIp) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(sourceIp, 0));
            s.connect(new InetSocketAddress("127.0.0.1", live.port), 5000);
            s.setSoTimeout(10000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 200");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void sourceKeepsEachClientAddressOnItsServer() throws Exception {
        start("""
                    balance source
                    server app1 127.0.0.1:%d
                    server app2 127.0.0.1:%d
                    server app3 127.0.0.1:%d
                """);
        // backend.c get_server_sh: an IPv4 source hashes to its own 32-bit value, map-based picks
        // hash % 3 over [app1, app2, app3]; 127.0.0.0 is 1 modulo 3
        Map<String, String> expected = Map.of("127.0.0.1", "app3", "127.0.0.2", "app1", "127.0.0.3", "app2",
                "127.0.0.4", "app3", "127.0.0.5", "app1", "127.0.0.6", "app2");
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertThat(getFrom(e.getKey())).as("client %s, round %d", e.getKey(), round).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void uriHashKeepsEachPathOnOneServerAndSpreadsPaths() throws Exception {
        start("""
                    balance uri
                    server app1 127.0.0.1:%d
                    server app2 127.0.0.1:%d
                    server app3 127.0.0.1:%d
                """);
        Map<String, String> owner = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            owner.put("/item/" + i, live.get("/item/" + i).body());
        }
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<String, String> e : owner.entrySet()) {
                // the query string is not part of the key without "whole"
                assertThat(live.get(e.getKey() + "?round=" + round).body()).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(new HashSet<>(owner.values())).as("twelve paths over three servers").hasSizeGreaterThan(1);
    }

    @Test
    void firstFillsTheFirstServerUpToItsMaxconnBeforeTheNext() throws Exception {
        start("""
                    balance first
                    server app1 127.0.0.1:%d maxconn 2
                    server app2 127.0.0.1:%d maxconn 2
                    server app3 127.0.0.1:%d maxconn 2
                """);
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        held.add(live.getAsync("/hold"));
        held.add(live.getAsync("/hold"));
        await().atMost(PATIENCE).until(() -> sessions().get("app1") == 2);
        held.add(live.getAsync("/hold"));
        await().atMost(PATIENCE).until(() -> sessions().get("app2") == 1);
        assertThat(sessions()).containsExactlyInAnyOrderEntriesOf(Map.of("app1", 2, "app2", 1, "app3", 0));
        release.countDown();
        List<String> servedBy = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : held) {
            servedBy.add(f.get(30, TimeUnit.SECONDS).body());
        }
        assertThat(servedBy).containsExactlyInAnyOrder("app1", "app1", "app2");
        // idle again, everything goes to the first server
        assertThat(count(4, "/quick")).containsExactlyEntriesOf(Map.of("app1", 4));
    }
}
