package dev.tandem.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.model.Timeouts;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RecordedRequest;
import dev.tandem.testkit.http.Reply;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** haproxy.md §6.1 and §6.3: one raw-socket test per malformed or failing case, with haproxy's answer. */
class HttpErrorsTest {

    private static final Timeouts FAST = new Timeouts(300, 10_000, 1_000, 700, 0, 0, 0);

    private HttpBackend app;
    private SyslogReceiver syslog;
    private ProxyServer proxy;
    private InetSocketAddress at;

    @BeforeEach
    void start() throws Exception {
        app = HttpBackend.start();
        syslog = new SyslogReceiver();
        proxy = proxyTo(Models.backend("app", app.address()), Map.of());
    }

    private ProxyServer proxyTo(Backend be, Map<Integer, byte[]> errorFiles) throws Exception {
        Frontend fe = new Frontend("fe", dev.tandem.proxy.model.Mode.HTTP, List.of(Models.v4()), FAST,
                dev.tandem.proxy.model.ConnectionMode.KEEP_ALIVE, null, false, Models.httplog(syslog.address()),
                List.of(), List.of(), List.of(), be.name(), 0, errorFiles);
        Backend timed = new Backend(be.name(), be.mode(), be.servers(), FAST, be.connectionMode(), null, false, 1,
                List.of(), List.of());
        ProxyServer p = Models.start(fe, timed);
        at = p.boundAddresses().getFirst();
        return p;
    }

    @AfterEach
    void stop() {
        proxy.close();
        app.close();
        syslog.close();
    }

    private String exchange(String request) throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(at)) {
            c.send(request);
            return c.readAll();
        }
    }

    @Test
    void contentLengthWithChunkedDropsContentLengthKeepsChunkedAndCloses() throws Exception {
        String resp = exchange("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n");
        assertThat(resp).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
        RecordedRequest seen = app.take();
        assertThat(seen.hasHeader("content-length")).isFalse();
        assertThat(seen.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(seen.bodyText()).isEqualTo("abc");
    }

    @Test
    void duplicateContentLengthsThatDifferGet400AndTheLogSaysBadreq() throws Exception {
        String resp = exchange("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcd");
        assertThat(resp).startsWith("HTTP/1.1 400 Bad request\r\n").containsIgnoringCase("connection: close")
                .endsWith("<html><body><h1>400 Bad request</h1>\nYour browser sent an invalid request.\n</body></html>\n");
        assertThat(syslog.next()).contains(" fe fe/<NOSRV> -1/-1/-1/-1/").contains(" 400 ")
                .contains(" PR-- ").endsWith("\"<BADREQ>\"");
        assertThat(app.pending()).isZero();
    }

    @Test
    void identicalDuplicateContentLengthsAreMerged() throws Exception {
        String resp = exchange("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\nab");
        assertThat(resp).startsWith("HTTP/1.1 200");
        assertThat(app.take().bodyText()).isEqualTo("ab");
    }

    @Test
    void contentLengthListOrNegativeGets400() throws Exception {
        assertThat(exchange("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(exchange("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void transferEncodingOtherThanFinalChunkedGets400() throws Exception {
        assertThat(exchange("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(exchange("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(exchange("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
    }

    @Test
    void invalidChunkSizeGets400() throws Exception {
        String resp = exchange("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        assertThat(resp).startsWith("HTTP/1.1 400");
    }

    @Test
    void spaceBeforeColonGets400() throws Exception {
        assertThat(exchange("GET / HTTP/1.1\r\nHost : a\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void headerBlockOver15KiBGets400ButFourteenKiloBytesPass() throws Exception {
        String big = "x".repeat(16000);
        assertThat(exchange("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + big + "\r\n\r\n")).startsWith("HTTP/1.1 400");
        String ok = "x".repeat(14000);
        assertThat(exchange("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + ok + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void moreThanOneHundredHeadersGet400AndOneHundredPass() throws Exception {
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < 98; i++) {
            h.append("X-H").append(i).append(": v\r\n");
        }
        assertThat(exchange("GET / HTTP/1.1\r\nHost: a\r\n" + h + "Connection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(exchange("GET / HTTP/1.1\r\nHost: a\r\nX-Extra: 1\r\n" + h + "Connection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
    }

    @Test
    void slowlorisGets408AfterTimeoutHttpRequestAndLogsClientTimeout() throws Exception {
        String resp = exchange("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ");
        assertThat(resp).startsWith("HTTP/1.1 408 Request Time-out\r\n").containsIgnoringCase("connection: close")
                .contains("<h1>408 Request Time-out</h1>");
        assertThat(syslog.next()).contains(" 408 ").contains(" cR-- ");
    }

    @Test
    void noUsableServerGets503WithHaproxysBodyAndKeepsTheConnection() throws Exception {
        proxy.close();
        proxy = proxyTo(Models.backend("empty"), Map.of());
        try (RawHttpClient c = RawHttpClient.connect(at)) {
            c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            String resp = c.readResponse();
            assertThat(resp).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                    .containsIgnoringCase("cache-control: no-cache").containsIgnoringCase("content-type: text/html")
                    .doesNotContainIgnoringCase("connection: close")
                    .endsWith("<html><body><h1>503 Service Unavailable</h1>\n"
                            + "No server is available to handle this request.\n</body></html>\n");
            c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 503");
        }
    }

    @Test
    void refusedConnectionGets503AfterRetriesWithServerConnectState() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        proxy.close();
        proxy = proxyTo(Models.backend("dead", new InetSocketAddress("127.0.0.1", closedPort)), Map.of());
        assertThat(exchange("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 503");
        String log = syslog.next();
        assertThat(log).contains(" dead/s1 ").contains("/-1/-1/").contains(" 503 ").contains(" SC-- ")
                .contains("/1 0/0 ");
    }

    @Test
    void serverThatNeverAnswersGets504AfterTimeoutServer() throws Exception {
        app.reply(r -> Reply.hang());
        String resp = exchange("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertThat(resp).startsWith("HTTP/1.1 504 Gateway Time-out\r\n").contains("The server didn't respond in time.");
        assertThat(syslog.next()).contains(" 504 ").contains(" sH-- ");
    }

    @Test
    void garbageFromTheServerGets502WithProxyHeaderState() throws Exception {
        app.reply(r -> Reply.garbage("HELLO WORLD"));
        String resp = exchange("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertThat(resp).startsWith("HTTP/1.1 502 Bad Gateway\r\n");
        assertThat(syslog.next()).contains(" 502 ").contains(" PH-- ");
    }

    @Test
    void errorfileReplacesTheBuiltinPage() throws Exception {
        proxy.close();
        byte[] page = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nsorry"
                .getBytes(StandardCharsets.ISO_8859_1);
        proxy = proxyTo(Models.backend("empty"), Map.of(503, page));
        String resp = exchange("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertThat(resp).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("Content-Type: text/plain")
                .endsWith("sorry");
    }

    @Test
    void aBadRequestNeverDisturbsAnotherConnection() throws Exception {
        try (RawHttpClient good = RawHttpClient.connect(at)) {
            good.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(good.readResponse()).startsWith("HTTP/1.1 200");
            assertThat(exchange("GET / HTTP/1.1\r\nHost : a\r\n\r\n")).startsWith("HTTP/1.1 400");
            good.send("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(good.readResponse()).startsWith("HTTP/1.1 200");
        }
        assertThat(app.take().uri()).isEqualTo("/1");
        assertThat(app.take().uri()).isEqualTo("/2");
    }

    @Test
    void serverAnsweringLateWithinTimeoutIsForwarded() throws Exception {
        app.reply(r -> Reply.delayed(Duration.ofMillis(100), "late"));
        assertThat(exchange("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200")
                .endsWith("late");
    }
}
