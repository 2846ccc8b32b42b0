package dev.tandem.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's {@code maxconn} through the running proxy (configuration.txt §5.2 "maxconn",
 * "maxqueue", §4.2 "timeout queue"): requests beyond it wait in FIFO order, leave the queue for
 * the freed slot, or get haproxy's 503 with its termination flags.
 */
class QueueingThroughProxyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpBackend app;
    private LiveProxy live;

    @BeforeEach
    void startBackend() throws Exception {
        app = HttpBackend.start(r -> {
            if (r.uri().startsWith("/hold")) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Reply.ok("app " + r.uri());
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (live != null) {
            live.close();
        }
        app.close();
    }

    private void start(String backendLines) throws Exception {
        live = LiveProxy.start(dir, LiveProxy.HTTP_FRONTEND_LOGGED + backendLines.formatted(app.port()));
    }

    private HttpLogLine logOf(String path) {
        await().atMost(PATIENCE).until(() -> live.httpLog().stream().anyMatch(l -> l.request().contains(path + " ")));
        return live.httpLog().stream().filter(l -> l.request().contains(path + " ")).findFirst().orElseThrow();
    }

    @Test
    void aRequestBeyondMaxconnWaitsAndTakesTheFreedSlot() throws Exception {
        start("""
                    server app1 127.0.0.1:%d maxconn 1
                """);
        CompletableFuture<HttpResponse<String>> first = live.getAsync("/hold/first");
        app.take();
        CompletableFuture<HttpResponse<String>> second = live.getAsync("/second");
        await().atMost(PATIENCE).until(() -> live.proxy.queued("be") == 1);
        assertThat(app.pending()).as("the second request is held by the proxy, not sent").isZero();
        assertThat(second).isNotDone();

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).body()).isEqualTo("app /hold/first");
        assertThat(second.get(30, TimeUnit.SECONDS).body()).isEqualTo("app /second");
        HttpLogLine l = logOf("/second");
        // roundrobin queues in the backend's queue: %sq/%bq is 0/1, one request served from it (this one)
        assertThat(l.server()).isEqualTo("app1");
        assertThat(l.tsc()).isEqualTo("----");
        assertThat(l.sq()).isZero();
        assertThat(l.bq()).isEqualTo(1);
        assertThat(l.tw()).isNotNegative();
        assertThat(live.proxy.queued("be")).isZero();
        assertThat(live.proxy.backendState("be").orElseThrow().getFirst().sessions()).isZero();
    }

    @Test
    void timeoutQueueAnswers503WithSQAndTheWaitInTw() throws Exception {
        start("""
                    timeout queue 300ms
                    server app1 127.0.0.1:%d maxconn 1
                """);
        CompletableFuture<HttpResponse<String>> first = live.getAsync("/hold/first");
        app.take();
        HttpResponse<String> second = live.get("/second");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.body()).contains("No server is available to handle this request.");
        HttpLogLine l = logOf("/second");
        // http_ana.c http_return_srv_error STRM_ET_QUEUE_TO: SF_ERR_SRVTO + SF_FINST_Q; no server was assigned
        assertThat(l.status()).isEqualTo(503);
        assertThat(l.tsc()).isEqualTo("sQ--");
        assertThat(l.server()).isEqualTo("<NOSRV>");
        assertThat(l.tw()).as("waited the whole timeout queue").isGreaterThanOrEqualTo(300);
        assertThat(l.tc()).isEqualTo(-1);
        assertThat(l.bq()).as("nobody was served from the queue meanwhile: position 1").isEqualTo(1);
        assertThat(live.proxy.queued("be")).isZero();

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aFullServerQueueAnswers503WithSQAndTheServerName() throws Exception {
        // a hash binds the request to its server: it waits in that server's own queue, bounded by maxqueue
        start("""
                    balance uri
                    server app1 127.0.0.1:%d maxconn 1 maxqueue 1
                """);
        CompletableFuture<HttpResponse<String>> first = live.getAsync("/hold/first");
        app.take();
        CompletableFuture<HttpResponse<String>> second = live.getAsync("/second");
        await().atMost(PATIENCE).until(() -> live.proxy.queued("be") == 1);
        HttpResponse<String> third = live.get("/third");
        assertThat(third.statusCode()).isEqualTo(503);
        HttpLogLine l = logOf("/third");
        // backend.c srv_redispatch_connect SRV_STATUS_FULL: STRM_ET_QUEUE_ERR, SF_ERR_SRVCL + SF_FINST_Q
        assertThat(l.tsc()).isEqualTo("SQ--");
        assertThat(l.server()).isEqualTo("app1");
        assertThat(l.tw()).isEqualTo(-1);

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(30, TimeUnit.SECONDS).body()).isEqualTo("app /second");
        HttpLogLine queued = logOf("/second");
        assertThat(queued.sq()).isEqualTo(1);
        assertThat(queued.bq()).isZero();
    }

    @Test
    void aClientThatResetsWhileQueuedIsLoggedCQAndFreesItsPlace() throws Exception {
        start("""
                    timeout queue 20s
                    server app1 127.0.0.1:%d maxconn 1
                """);
        CompletableFuture<HttpResponse<String>> first = live.getAsync("/hold/first");
        app.take();
        try (java.net.Socket c = new java.net.Socket("127.0.0.1", live.port)) {
            c.getOutputStream().write("GET /impatient HTTP/1.1\r\nHost: t\r\n\r\n".getBytes());
            await().atMost(PATIENCE).until(() -> live.proxy.queued("be") == 1);
            // a reset, not a FIN: without "option abortonclose" haproxy keeps a half-closed request queued
            c.setSoLinger(true, 0);
        }
        HttpLogLine l = logOf("/impatient");
        // stream.c back_may_abort_req (a read error): STRM_ET_QUEUE_ABRT, SF_ERR_CLICL + SF_FINST_Q
        assertThat(l.tsc()).isEqualTo("CQ--");
        assertThat(l.status()).isEqualTo(-1);
        assertThat(l.tw()).isNotNegative();
        assertThat(live.proxy.queued("be")).isZero();
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(live.get("/after").body()).isEqualTo("app /after");
        assertThat(app.take().uri()).as("the one that left never reached the server").isEqualTo("/after");
    }
}
