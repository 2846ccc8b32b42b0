package dev.tandem.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.proxy.lb.ServerSnapshot;
import dev.tandem.proxy.lb.ServerStatus;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.Reply;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of a load balancer: a steady stream of idempotent requests over keep-alive through
 * three application servers checked every 100ms (fall 2, rise 2); one server dies and comes back.
 * With {@code retries}, {@code option redispatch} and {@code retry-on conn-failure empty-response}
 * (configuration.txt §4.2) no request fails, the dead server is marked DOWN by its checks with
 * haproxy's line, gets no new request once DOWN, and takes traffic again once UP.
 */
class ServerFailoverTest {

    private static final int REQUESTS = 3000;
    private static final int KILL_AT = 500;
    private static final int HOLD_AT = 2000;
    private static final int WORKERS = 8;
    /** A loaded 2-core machine may stall for seconds; the expected times are fall x inter + inter and rise x inter. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final List<HttpBackend> backends = new CopyOnWriteArrayList<>();
    private LiveProxy live;

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        backends.forEach(HttpBackend::close);
    }

    private static HttpBackend app(String name, InetSocketAddress where) throws Exception {
        return where == null ? HttpBackend.start(r -> Reply.ok(name)) : HttpBackend.startOn(where, r -> Reply.ok(name));
    }

    private record Outcome(int index, int status, String body, long startedNanos, String error) {}

    @Test
    void killingOneOfThreeCheckedServersUnderLoadCostsNoRequest() throws Exception {
        for (String name : List.of("app1", "app2", "app3")) {
            backends.add(app(name, null));
        }
        InetSocketAddress app2Address = backends.get(1).address();
        live = LiveProxy.start(dir, """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                    retries 3
                    option redispatch
                    retry-on conn-failure empty-response
                frontend fe
                    bind 127.0.0.1:${PORT}
                    log ${LOG} local0
                    # the status, flags, the request counter and the retries of every stream
                    log-format "%%ST %%tsc %%rt %%s %%rc"
                    default_backend app
                backend app
                    log ${LOG} local0
                    balance roundrobin
                    option httpchk GET /health
                    # without it a check must answer within inter (100ms): a busy 2-core test machine misses that
                    timeout check 2s
                    default-server check inter 100ms fall 2 rise 2
                    server app1 127.0.0.1:%d
                    server app2 127.0.0.1:%d
                    server app3 127.0.0.1:%d
                """.formatted(backends.get(0).port(), backends.get(1).port(), backends.get(2).port()));
        await().atMost(PATIENCE).until(() -> live.proxy.backendState("app").orElseThrow().stream()
                .allMatch(s -> s.lastCheck().status().equals("L7OK")));

        AtomicInteger issued = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch resume = new CountDownLatch(1);
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                for (int i = issued.getAndIncrement(); i < REQUESTS; i = issued.getAndIncrement()) {
                    if (i >= HOLD_AT) {
                        // the last third waits until the dead server is back, so it can show it takes traffic again
                        awaitQuietly(resume);
                    }
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> r = live.get("/req/" + i);
                        outcomes.add(new Outcome(i, r.statusCode(), r.body(), started, null));
                    } catch (Exception e) {
                        outcomes.add(new Outcome(i, -1, null, started, e.toString()));
                    }
                    done.incrementAndGet();
                }
            }));
        }

        await().atMost(PATIENCE).until(() -> done.get() >= KILL_AT);
        long killed = System.nanoTime();
        backends.get(1).close();
        await().atMost(PATIENCE).until(() -> !live.log("Server app/app2 is DOWN").isEmpty());
        long downSeen = System.nanoTime();

        await().atMost(PATIENCE).until(() -> done.get() >= HOLD_AT);
        long restarted = System.nanoTime();
        backends.add(app("app2", app2Address));
        await().atMost(PATIENCE).until(() -> !live.log("Server app/app2 is UP").isEmpty());
        long upSeen = System.nanoTime();
        resume.countDown();
        for (Thread t : workers) {
            assertThat(t.join(Duration.ofSeconds(60))).as("worker finished").isTrue();
        }

        System.out.printf("failover: DOWN seen %d ms after the kill (fall 2 x inter 100ms + inter = 300ms expected),"
                + " UP seen %d ms after the restart (rise 2 x inter 100ms = 200ms expected)%n",
                (downSeen - killed) / 1_000_000, (upSeen - restarted) / 1_000_000);

        assertThat(outcomes).hasSize(REQUESTS);
        assertThat(outcomes.stream().filter(o -> o.status() != 200).toList()).as("failed requests").isEmpty();
        // every request the client sent after the DOWN line avoided the dead server until it came back
        assertThat(outcomes.stream().filter(o -> o.startedNanos() > downSeen && o.index() < HOLD_AT)
                .filter(o -> o.body().equals("app2")).toList()).isEmpty();
        Map<String, Integer> lastThird = new ConcurrentHashMap<>();
        outcomes.stream().filter(o -> o.index() >= HOLD_AT).forEach(o -> lastThird.merge(o.body(), 1, Integer::sum));
        assertThat(lastThird.keySet()).containsExactlyInAnyOrder("app1", "app2", "app3");
        assertThat(lastThird.get("app2")).as("app2 back in the rotation: %s", lastThird).isGreaterThan(250);

        assertThat(live.log("is DOWN")).as("state changes: %s", live.log("Server app/")).hasSize(1);
        String down = live.log("Server app/app2 is DOWN").getFirst();
        assertThat(down).startsWith("<129>").containsPattern("\\]: Server app/app2 is DOWN, reason: Layer4 connection"
                + " problem, info: \"Connection refused\", check duration: \\d+ms\\. 2 active and 0 backup servers left\\."
                + " \\d+ sessions active, 0 requeued, 0 remaining in queue\\.$");
        assertThat(live.log("Server app/app2 is UP").getFirst()).startsWith("<133>").containsPattern("\\]: Server"
                + " app/app2 is UP, reason: Layer7 check passed, code: 200, check duration: \\d+ms\\. 3 active and 0"
                + " backup servers online\\. 0 sessions requeued, 0 total in queue\\.$");
        assertThat(live.console()).anySatisfy(l -> assertThat(l).matches("\\[WARNING\\]  \\(\\d+\\) : Server app/app2 is"
                + " DOWN, reason: Layer4 connection problem, .*"));

        // the proxy's side: one line per request, every one a 200 without an error flag, and no
        // stream it started went unlogged (the JDK client silently replays a GET whose connection
        // closes before an answer, so a stream the proxy abandoned would not show at the client)
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("\\]: (\\d+) (\\S{4}) (\\d+) (\\S+) (\\+?\\d+)$");
        await().atMost(PATIENCE).until(() -> live.log().stream().filter(l -> line.matcher(l).find()).count()
                >= REQUESTS);
        List<java.util.regex.Matcher> traffic = live.log().stream().map(line::matcher)
                .filter(java.util.regex.Matcher::find).toList();
        assertThat(traffic).hasSize(REQUESTS);
        assertThat(traffic).extracting(m -> m.group(1)).containsOnly("200");
        assertThat(traffic).extracting(m -> m.group(2)).containsOnly("----");
        assertThat(traffic.stream().mapToInt(m -> Integer.parseInt(m.group(3))).sorted().toArray())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, REQUESTS).toArray());
        long retried = traffic.stream().filter(m -> !m.group(5).equals("0")).count();
        System.out.printf("failover: %d of %d requests were retried by the proxy%n", retried, REQUESTS);

        // and nothing leaks: every slot was given back
        List<ServerSnapshot> state = live.proxy.backendState("app").orElseThrow();
        assertThat(state).extracting(ServerSnapshot::status).containsOnly(ServerStatus.UP);
        assertThat(state).extracting(ServerSnapshot::sessions).containsOnly(0);
        assertThat(live.proxy.queued("app")).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
