package dev.tandem.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.model.ConnectionMode;
import dev.tandem.proxy.model.ForwardFor;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RecordedRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The article's frontend "http-in" (addresses swapped for loopback): httplog, forwardfor,
 * http-server-close then httpclose (the last wins: both sides close), the reqadd replacement and
 * X-Real-IP from %[src], default_backend appserver.
 */
class ArticleFrontendTest {

    private HttpBackend app;
    private SyslogReceiver syslog;
    private ProxyServer proxy;
    private InetSocketAddress v4;
    private InetSocketAddress v6;

    @BeforeEach
    void start() throws Exception {
        app = HttpBackend.start();
        syslog = new SyslogReceiver();
        Frontend fe = Models.frontend("http-in", "appserver", Models.v4(), Models.v6())
                .withLogging(Models.httplog(syslog.address()))
                .withForwardFor(ForwardFor.DEFAULT, false)
                .withConnectionMode(ConnectionMode.CLOSE)
                .withRules(Models.rules("add-header X-Forwarded-Proto http", "add-header X-Real-IP %[src]"), List.of());
        Backend be = Models.backend("appserver", app.address());
        proxy = Models.start(fe, be);
        v4 = proxy.boundAddresses().get(0);
        v6 = proxy.boundAddresses().get(1);
    }

    @AfterEach
    void stop() {
        proxy.close();
        app.close();
        syslog.close();
    }

    @Test
    void ipv4ClientReachesServerWithForwardedHeaders() throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + v4.getPort() + "/x?y=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
        RecordedRequest seen = app.take();
        assertThat(seen.requestLine()).isEqualTo("GET /x?y=1 HTTP/1.1");
        assertThat(seen.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.header("X-Real-IP")).isEqualTo("127.0.0.1");
        assertThat(seen.header("Connection")).isEqualTo("close");
    }

    @Test
    void ipv6ClientReachesIpv4ServerWhichSeesPlainIpv6Text() throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://[::1]:" + v6.getPort() + "/v6")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        RecordedRequest seen = app.take();
        assertThat(seen.remote()).startsWith("127.0.0.1:");
        assertThat(seen.header("X-Forwarded-For")).isEqualTo("::1");
        assertThat(seen.header("X-Real-IP")).isEqualTo("::1");
    }

    @Test
    void httpcloseAfterServerCloseClosesBothSides() throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(v4)) {
            c.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\n");
            String resp = c.readResponse();
            assertThat(resp).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("connection: close");
            assertThat(c.isClosedByPeer()).isTrue();
        }
        try (RawHttpClient c = RawHttpClient.connect(v4)) {
            c.send("GET /b HTTP/1.1\r\nHost: t\r\n\r\n");
            c.readResponse();
        }
        app.take();
        app.take();
        assertThat(app.connections()).isEqualTo(2);
    }

    @Test
    void clientHeaderCaseAndOrderReachTheServerUnchanged() throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(v4)) {
            c.send("GET / HTTP/1.1\r\nHost: t\r\nX-MiXeD-Case: 1\r\nX-Forwarded-For: 9.9.9.9\r\n\r\n");
            c.readResponse();
        }
        RecordedRequest seen = app.take();
        assertThat(seen.headerNames()).containsSubsequence("Host", "X-MiXeD-Case", "X-Forwarded-For",
                "X-Forwarded-Proto", "X-Real-IP", "X-Forwarded-For");
        assertThat(seen.headers("x-forwarded-for")).containsExactly("9.9.9.9", "127.0.0.1");
    }

    @Test
    void httplogLineHasHaproxy26Layout() throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(v4)) {
            c.send("GET /x?y=1 HTTP/1.1\r\nHost: t\r\n\r\n");
            c.readResponse();
        }
        String line = syslog.next();
        assertThat(line).matches("<134>\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d haproxy\\[\\d+\\]: 127\\.0\\.0\\.1:\\d+ "
                + "\\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] http-in appserver/s1 \\d+/0/\\d+/\\d+/\\d+ "
                + "200 \\d+ - - ---- \\d+/\\d+/\\d+/\\d+/0 0/0 \"GET /x\\?y=1 HTTP/1\\.1\"");
    }
}
