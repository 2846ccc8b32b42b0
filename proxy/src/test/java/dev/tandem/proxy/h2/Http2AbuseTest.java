package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.Reply;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Abusive HTTP/2 clients written frame by frame: the abuser gets GOAWAY and loses its connection,
 * everyone else keeps being served (H2Limits, docs/DIFFERENCES.md).
 */
class Http2AbuseTest {

    private HttpBackend app;
    private ProxyServer proxy;
    private InetSocketAddress address;
    private String authority;

    @BeforeEach
    void start() throws Exception {
        app = HttpBackend.start(r -> Reply.ok("ok"));
        Frontend fe = Models.frontend("fe", "app", Models.v4());
        proxy = Models.start(fe, Models.backend("app", app.address()));
        address = proxy.boundAddresses().get(0);
        authority = "127.0.0.1:" + address.getPort();
    }

    @AfterEach
    void stop() {
        proxy.close();
        app.close();
    }

    private static RawH2Client.Frame goAway(List<RawH2Client.Frame> frames) {
        return frames.stream().filter(f -> f.type() == RawH2Client.GOAWAY).findFirst().orElseThrow(
                () -> new AssertionError("no GOAWAY among " + frames));
    }

    /** CVE-2023-44487: HEADERS then RST_STREAM, over and over, while a polite client runs beside it. */
    @Test
    void rapidResetFloodGetsGoawayWhileAPoliteClientIsServed() throws Exception {
        CompletableFuture<H2Load.Result> polite = CompletableFuture.supplyAsync(() -> {
            try {
                return H2Load.run("-n", "400", "-c", "2", "-m", "10", "http://" + authority + "/polite");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (RawH2Client abuser = new RawH2Client(address)) {
            Http2Headers get = RawH2Client.get("/flood", authority);
            boolean open = true;
            for (int i = 0; i < 5000 && open; i++) {
                int stream = 2 * i + 1;
                abuser.headers(stream, get, true).rst(stream, RawH2Client.CANCEL);
                if (i % 50 == 49) {
                    open = abuser.flush();
                }
            }
            abuser.flush();
            List<RawH2Client.Frame> frames = abuser.readUntilClosed(10_000);
            assertThat(goAway(frames).errorCode()).isEqualTo(RawH2Client.ENHANCE_YOUR_CALM);
            assertThat(abuser.closedByServer(10_000)).as("the abusive connection is closed").isTrue();
        }
        H2Load.Result r = polite.get();
        assertThat(r.succeeded()).as(r.output()).isEqualTo(400);
        assertThat(r.failed() + r.errored() + r.timeout()).isZero();
        assertThat(Curl.run("--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_code}",
                "http://" + authority + "/after")).isEqualTo("200");
    }

    @Test
    void pingFloodGetsGoaway() throws Exception {
        try (RawH2Client abuser = new RawH2Client(address)) {
            for (int i = 0; i < 1000; i++) {
                abuser.ping(i);
            }
            abuser.flush();
            assertThat(goAway(abuser.readUntilClosed(10_000)).errorCode()).isEqualTo(RawH2Client.ENHANCE_YOUR_CALM);
        }
    }

    @Test
    void settingsFloodGetsGoaway() throws Exception {
        try (RawH2Client abuser = new RawH2Client(address)) {
            for (int i = 0; i < 1000; i++) {
                abuser.settings(new Http2Settings().initialWindowSize(65535 + i));
            }
            abuser.flush();
            assertThat(goAway(abuser.readUntilClosed(10_000)).errorCode()).isEqualTo(RawH2Client.ENHANCE_YOUR_CALM);
        }
    }

    /** RFC 9113 §6.5.2 / tune.h2.*: what the proxy announces in its first SETTINGS frame. */
    @Test
    void serverSettingsAreHaproxysDefaults() throws Exception {
        try (RawH2Client c = new RawH2Client(address)) {
            c.flush();
            RawH2Client.Frame settings = c.next(10_000);
            assertThat(settings.type()).isEqualTo(RawH2Client.SETTINGS);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(settings.payload());
            java.util.Map<Integer, Long> values = new java.util.HashMap<>();
            while (b.remaining() >= 6) {
                values.put((int) b.getShort() & 0xffff, b.getInt() & 0xffffffffL);
            }
            assertThat(values).containsEntry(0x1, 4096L).containsEntry(0x3, 100L).containsEntry(0x4, 65535L)
                    .containsEntry(0x5, 16384L).containsEntry(0x6, 15360L);
        }
    }

    /** tune.h2.max-concurrent-streams 100: the 101st open stream is refused, the connection lives. */
    @Test
    void streamsBeyondTheConcurrencyLimitAreRefused() throws Exception {
        app.reply(r -> Reply.hang());
        try (RawH2Client c = new RawH2Client(address)) {
            c.settingsAck();
            for (int i = 0; i < 101; i++) {
                c.headers(2 * i + 1, RawH2Client.get("/hang", authority), true);
            }
            c.flush();
            RawH2Client.Frame refused = null;
            for (RawH2Client.Frame f = c.next(10_000); f != null; f = c.next(10_000)) {
                if (f.type() == RawH2Client.RST_STREAM) {
                    refused = f;
                    break;
                }
            }
            assertThat(refused).isNotNull();
            assertThat(refused.stream()).isEqualTo(201);
            assertThat(refused.errorCode()).isEqualTo(RawH2Client.REFUSED_STREAM);
            c.ping(42).flush();
            RawH2Client.Frame f = c.next(10_000);
            while (f != null && f.type() != RawH2Client.PING) {
                f = c.next(10_000);
            }
            assertThat(f).as("the connection still answers PING").isNotNull();
        }
    }

    /** Without a stream the connection waits "timeout http-request", then leaves with GOAWAY(NO_ERROR). */
    @Test
    void idleConnectionGetsGoawayAfterTheRequestTimeout() throws Exception {
        proxy.close();
        Frontend fe = Models.frontend("fe", "app", Models.v4());
        fe = new Frontend(fe.name(), fe.mode(), fe.binds(), fe.timeouts().withHttpRequest(300), fe.connectionMode(),
                fe.forwardFor(), fe.originalTo(), fe.logging(), fe.requestRules(), fe.responseRules(), fe.useBackends(),
                fe.defaultBackend(), fe.maxconn(), fe.errorFiles());
        proxy = Models.start(fe, Models.backend("app", app.address()));
        try (RawH2Client c = new RawH2Client(proxy.boundAddresses().get(0))) {
            c.settingsAck().flush();
            List<RawH2Client.Frame> frames = c.readUntilClosed(10_000);
            assertThat(goAway(frames).errorCode()).isEqualTo(RawH2Client.NO_ERROR);
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.connections("fe") == 0);
        }
    }

    /**
     * After a stream, an idle connection waits "timeout http-keep-alive", not "timeout http-request"
     * (src/mux_h2.c h2c_update_timeout()): with 300 ms against 60 s, GOAWAY comes long before the latter.
     */
    @Test
    void idleAfterAStreamWaitsTheKeepAliveTimeout() throws Exception {
        proxy.close();
        Frontend fe = Models.frontend("fe", "app", Models.v4());
        fe = new Frontend(fe.name(), fe.mode(), fe.binds(), fe.timeouts().withHttpRequest(60_000).withHttpKeepAlive(300),
                fe.connectionMode(), fe.forwardFor(), fe.originalTo(), fe.logging(), fe.requestRules(),
                fe.responseRules(), fe.useBackends(), fe.defaultBackend(), fe.maxconn(), fe.errorFiles());
        proxy = Models.start(fe, Models.backend("app", app.address()));
        try (RawH2Client c = new RawH2Client(proxy.boundAddresses().get(0))) {
            c.settingsAck().headers(1, RawH2Client.get("/once", "x"), true).flush();
            List<RawH2Client.Frame> frames = c.readUntilClosed(10_000);
            assertThat(frames).anyMatch(f -> f.type() == RawH2Client.DATA && f.stream() == 1 && f.endStream());
            assertThat(goAway(frames).errorCode()).isEqualTo(RawH2Client.NO_ERROR);
        }
    }
}
