package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.proxy.model.Bind;
import dev.tandem.proxy.model.ForwardFor;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RecordedRequest;
import dev.tandem.testkit.http.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 clients through the proxy to HTTP/1.1 servers with real clients (curl, h2load, the JDK
 * HttpClient): one request path, so the same rules, forwardfor, pool and error pages apply.
 */
class Http2ForwardingTest {

    @TempDir
    Path dir;

    /** configuration.txt "option disable-h2-upgrade": a plain listener takes HTTP/2 by its preface. */
    @Test
    void priorKnowledgeOnAPlainListenerIsServedAsHttp2() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("hello " + r.uri()))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4()).withForwardFor(ForwardFor.DEFAULT, false);
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                int port = proxy.boundAddresses().get(0).getPort();
                String out = Curl.run("--http2-prior-knowledge", "-w", "\n%{http_version}",
                        "http://127.0.0.1:" + port + "/x?y=1");
                assertThat(out).isEqualTo("hello /x?y=1\n2");
                RecordedRequest r = app.take();
                // origin form and the authority as Host, as haproxy sends an HTTP/2 request to an HTTP/1.1 server
                assertThat(r.requestLine()).isEqualTo("GET /x?y=1 HTTP/1.1");
                assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + port);
                assertThat(r.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
                assertThat(r.headerNames()).noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).startsWith("x-http2"));
                // the same listener still serves HTTP/1.1
                assertThat(Curl.run("--http1.1", "-w", " %{http_version}", "http://127.0.0.1:" + port + "/one"))
                        .isEqualTo("hello /one 1.1");
            }
        }
    }

    /** configuration.txt §4.2 "option forwardfor", with an IPv6 client (::1) and a set-header rule. */
    @Test
    void ipv6ClientIsForwardedForAndRealIp() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("ok"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v6()).withForwardFor(ForwardFor.DEFAULT, false)
                    .withRules(Models.rules("set-header X-Real-IP %[src]"), List.of());
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                int port = proxy.boundAddresses().get(0).getPort();
                Curl.run("-g", "--http2-prior-knowledge", "-o", "/dev/null", "http://[::1]:" + port + "/v6");
                RecordedRequest r = app.take();
                assertThat(r.header("X-Forwarded-For")).isEqualTo("::1");
                assertThat(r.header("X-Real-IP")).isEqualTo("::1");
                assertThat(r.header("Host")).isEqualTo("[::1]:" + port);
            }
        }
    }

    /** Bodies in both directions, larger than every window, arrive whole (sha-256 compared). */
    @Test
    void oneMebibyteUploadAndDownloadStream() throws Exception {
        byte[] blob = new byte[1 << 20];
        new Random(7).nextBytes(blob);
        Path up = dir.resolve("up.bin");
        Files.write(up, blob);
        Path down = dir.resolve("down.bin");
        try (HttpBackend app = HttpBackend.start(r -> r.method().equals("POST")
                ? Reply.ok(r.body().length + " " + sha(r.body()))
                : new Reply.Respond(200, List.of(), blob, Duration.ZERO, false, false))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                String base = "http://127.0.0.1:" + proxy.boundAddresses().get(0).getPort();
                assertThat(Curl.run("--http2-prior-knowledge", "--data-binary", "@" + up, base + "/up"))
                        .isEqualTo(blob.length + " " + sha(blob));
                Curl.run("--http2-prior-knowledge", "-o", down.toString(), base + "/down");
                assertThat(sha(Files.readAllBytes(down))).isEqualTo(sha(blob));
            }
        }
    }

    /** Many concurrent streams on few connections, all answered: h2load, bounded by request count. */
    @Test
    void h2loadManyConcurrentStreamsWithoutFailure() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("x".repeat(512)))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                H2Load.Result r = H2Load.run("-n", "2000", "-c", "4", "-m", "20",
                        "http://127.0.0.1:" + proxy.boundAddresses().get(0).getPort() + "/");
                assertThat(r.succeeded()).as(r.output()).isEqualTo(2000);
                assertThat(r.ok2xx()).isEqualTo(2000);
                assertThat(r.failed() + r.errored() + r.timeout()).isZero();
                // streams share the loop's server pool: far fewer server connections than requests
                assertThat(app.connections()).isLessThanOrEqualTo(4 * 20);
            }
        }
    }

    /** accept-proxy: the PROXY header's source is the client of every stream (haproxy.md §1.2). */
    @Test
    void proxyProtocolAddressesReachEveryStream() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("ok"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4().withAcceptProxy(true))
                    .withForwardFor(ForwardFor.DEFAULT, false);
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()));
                    RawH2Client c = new RawH2Client(proxy.boundAddresses().get(0),
                            "PROXY TCP6 2001:db8::7 ::1 51000 443\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                c.settingsAck().headers(1, RawH2Client.get("/a", "x"), true).headers(3, RawH2Client.get("/b", "x"), true)
                        .flush();
                assertThat(List.of(app.take().header("X-Forwarded-For"), app.take().header("X-Forwarded-For")))
                        .containsExactly("2001:db8::7", "2001:db8::7");
            }
        }
    }

    /** haproxy's own pages answer HTTP/2 streams too: a deny is 403, a garbage response 502 (CFG §1.4.1). */
    @Test
    void errorPagesOverHttp2() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.garbage("HELLO WORLD\r\n"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4())
                    .withRules(Models.rules("deny if { path /denied }"), List.of());
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                String base = "http://127.0.0.1:" + proxy.boundAddresses().get(0).getPort();
                assertThat(Curl.run("--http2-prior-knowledge", "-w", "%{http_code}", base + "/denied"))
                        .isEqualTo("<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n"
                                + "</body></html>\n403");
                assertThat(Curl.run("--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_code}", base + "/x"))
                        .isEqualTo("502");
            }
        }
    }

    /**
     * The JDK client asks for HTTP/2 on clear text with an h2c Upgrade, which haproxy 2.6 does not
     * do (RFC 9113 §3.1 dropped it): the request is answered over HTTP/1.1.
     */
    @Test
    void jdkClientH2cUpgradeIsServedOverHttp11() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("upgrade=" + r.header("Upgrade")))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()));
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
                HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + proxy.boundAddresses().get(0).getPort() + "/")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(res.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
                assertThat(res.body()).isEqualTo("upgrade=null");
            }
        }
    }

    /** Interim responses cross as their own HEADERS frame (RFC 9113 §8.1): curl's Expect: 100-continue. */
    @Test
    void continueFromTheServerReachesTheHttp2Client() throws Exception {
        Path body = dir.resolve("b.txt");
        Files.writeString(body, "x".repeat(2000));
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("got " + r.body().length))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                String out = Curl.run("-v", "--http2-prior-knowledge", "-H", "Expect: 100-continue", "--data-binary",
                        "@" + body, "http://127.0.0.1:" + proxy.boundAddresses().get(0).getPort() + "/c");
                assertThat(out).contains("< HTTP/2 100").contains("< HTTP/2 200").endsWith("got 2000");
            }
        }
    }

    /** configuration.txt §5.1 "proto h2": HTTP/2 on every connection; an HTTP/1.1 client gets GOAWAY, logged as haproxy does. */
    @Test
    void protoH2ForcesHttp2AndRefusesHttp11() throws Exception {
        try (SyslogReceiver syslog = new SyslogReceiver(); HttpBackend app = HttpBackend.start(r -> Reply.ok("ok"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4().withProto(Bind.Proto.H2))
                    .withLogging(Models.httplog(syslog.address()));
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                String base = "http://127.0.0.1:" + proxy.boundAddresses().get(0).getPort();
                assertThat(Curl.run("--http2-prior-knowledge", "-w", " %{http_version}", base + "/")).isEqualTo("ok 2");
                assertThat(syslog.next()).contains(" 200 ");
                try (RawHttpClient h1 = RawHttpClient.connect(proxy.boundAddresses().get(0))) {
                    h1.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                    // the server's SETTINGS, then GOAWAY(PROTOCOL_ERROR): frames, not an HTTP/1.1 response
                    String answer = h1.readAll();
                    assertThat(answer).doesNotStartWith("HTTP/1.1");
                    assertThat(answer.charAt(3)).as("first frame type").isEqualTo((char) RawH2Client.SETTINGS);
                }
                assertThat(syslog.next()).matches(".* fe fe/<NOSRV> -1/-1/-1/-1/\\d+ 0 0 - - PR-- .* \"<BADREQ>\"");
            }
        }
    }

    /** configuration.txt "option disable-h2-upgrade": the preface on a clear connection is a bad HTTP/1.1 request (400, measured). */
    @Test
    void disabledUpgradeAnswersThePrefaceWith400() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("ok"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4().withProto(Bind.Proto.NO_UPGRADE));
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                try (RawHttpClient c = RawHttpClient.connect(proxy.boundAddresses().get(0))) {
                    c.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
                    assertThat(c.readAll()).startsWith("HTTP/1.1 400 Bad request");
                }
                assertThat(Curl.run("-w", " %{http_version}",
                        "http://127.0.0.1:" + proxy.boundAddresses().get(0).getPort() + "/")).isEqualTo("ok 1.1");
                assertThat(app.pending()).isEqualTo(1);
            }
        }
    }

    /**
     * RFC 9113 §8.2.2: connection-specific fields never reach an HTTP/2 client, and "option
     * httpclose" closes server connections but never the client's multiplexed one: stream 3 runs
     * after stream 1 on the same connection. (curl 7.88.1 cannot reuse a prior-knowledge
     * connection, against haproxy either, hence the raw client.)
     */
    @Test
    void noConnectionSemanticsOnStreams() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> new Reply.Respond(200, List.of("Connection: keep-alive",
                "Keep-Alive: timeout=5", "X-App: yes"), "chunked body".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                Duration.ZERO, true, false))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4())
                    .withConnectionMode(dev.tandem.proxy.model.ConnectionMode.CLOSE);
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()));
                    RawH2Client c = new RawH2Client(proxy.boundAddresses().get(0))) {
                c.settingsAck();
                for (int stream : new int[] {1, 3}) {
                    c.headers(stream, RawH2Client.get("/s" + stream, "x"), true).flush();
                    io.netty.handler.codec.http2.Http2Headers headers = null;
                    StringBuilder body = new StringBuilder();
                    for (RawH2Client.Frame f = c.next(10_000); f != null; f = c.next(10_000)) {
                        if (f.type() == RawH2Client.HEADERS && f.stream() == stream) {
                            headers = c.decode(f);
                        } else if (f.type() == RawH2Client.DATA && f.stream() == stream) {
                            body.append(new String(f.payload(), java.nio.charset.StandardCharsets.US_ASCII));
                            if (f.endStream()) {
                                break;
                            }
                        }
                    }
                    assertThat(headers).isNotNull();
                    assertThat(headers.status().toString()).isEqualTo("200");
                    assertThat(headers.get("x-app").toString()).isEqualTo("yes");
                    assertThat(headers.names()).extracting(CharSequence::toString)
                            .doesNotContain("connection", "keep-alive", "transfer-encoding");
                    assertThat(body.toString()).isEqualTo("chunked body");
                    assertThat(app.take().header("Connection")).isEqualTo("close");
                }
                assertThat(app.connections()).isEqualTo(2);
            }
        }
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
