package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.Reply;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log line of an HTTP/2 request and the header-list limit, compared with what haproxy 2.6.12
 * does (measured here with curl --http2-prior-knowledge against Debian's haproxy).
 */
class Http2LogAndLimitsTest {

    /** Everything after "]: " of a syslog line (the httplog fields). */
    private static String fields(String datagram) {
        return datagram.substring(datagram.indexOf("]: ") + 3);
    }

    /**
     * configuration.txt §8.2.3 httplog: haproxy logs an HTTP/2 request with its URI in absolute form
     * and HTTP/2.0 ("GET http://127.0.0.1:8080/x?y=1 HTTP/2.0"); %B and the other fields are those
     * of the same request over HTTP/1.1.
     */
    @Test
    void httplogLineOfAnHttp2RequestDiffersOnlyInTheRequestLine() throws Exception {
        try (SyslogReceiver syslog = new SyslogReceiver();
                HttpBackend app = HttpBackend.start(r -> Reply.ok("same body for both"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4()).withLogging(Models.httplog(syslog.address()));
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                int port = proxy.boundAddresses().get(0).getPort();
                Curl.run("--http2-prior-knowledge", "-o", "/dev/null", "http://127.0.0.1:" + port + "/x?y=1");
                String h2 = fields(syslog.next());
                Curl.run("--http1.1", "-o", "/dev/null", "http://127.0.0.1:" + port + "/x?y=1");
                String h1 = fields(syslog.next());
                assertThat(h2).endsWith(" \"GET http://127.0.0.1:" + port + "/x?y=1 HTTP/2.0\"");
                assertThat(h1).endsWith(" \"GET /x?y=1 HTTP/1.1\"");
                assertThat(h2).matches("127\\.0\\.0\\.1:\\d+ \\[[^]]+\\] fe app/s1 \\d+/0/\\d+/\\d+/\\d+ 200 \\d+ - - ---- "
                        + "\\d+/\\d+/\\d+/\\d+/0 0/0 \".*");
                // status, bytes read (%B), termination state: field for field the same as HTTP/1.1
                assertThat(h2.split(" ")[5]).isEqualTo(h1.split(" ")[5]);
                assertThat(h2.split(" ")[6]).isEqualTo(h1.split(" ")[6]);
                assertThat(h2.split(" ")[9]).isEqualTo(h1.split(" ")[9]);
            }
        }
    }

    /**
     * The HTTP aliases of an HTTP/2 request, as haproxy 2.6.12 rendered them here for the same URL:
     * {@code GET|http://127.0.0.1:P/x?y=1|http://127.0.0.1:P/x|?y=1|HTTP/2.0} (configuration.txt §8.2.6),
     * plus %HPO (the path alone) and the req.ver and path fetches (2.0, /x).
     */
    @Test
    void httpAliasesOfAnHttp2Request() throws Exception {
        try (SyslogReceiver syslog = new SyslogReceiver(); HttpBackend app = HttpBackend.start(r -> Reply.ok("ok"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4()).withLogging(new dev.tandem.proxy.model.Logging(
                    List.of(new dev.tandem.proxy.model.LogTarget(syslog.address(), dev.tandem.proxy.model.LogTarget.LOCAL0,
                            dev.tandem.proxy.model.LogTarget.Format.RFC3164)),
                    "%HM|%HU|%HP|%HPO|%HQ|%HV|%[req.ver]|%[path]", false));
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                int port = proxy.boundAddresses().get(0).getPort();
                Curl.run("--http2-prior-knowledge", "-o", "/dev/null", "http://127.0.0.1:" + port + "/x?y=1");
                assertThat(fields(syslog.next())).isEqualTo("GET|http://127.0.0.1:" + port + "/x?y=1|http://127.0.0.1:"
                        + port + "/x|/x|?y=1|HTTP/2.0|2.0|/x");
            }
        }
    }

    /**
     * A header block over tune.bufsize - tune.maxrewrite (15360) gets 431 on its stream, and the
     * connection carries on; haproxy 2.6 closes the whole connection (GOAWAY COMPRESSION_ERROR) —
     * docs/DIFFERENCES.md. The refusal is logged as haproxy logs a refused request: "&lt;BADREQ&gt;", PR.
     */
    @Test
    void oversizedHeaderListGets431AndTheConnectionLives() throws Exception {
        try (SyslogReceiver syslog = new SyslogReceiver(); HttpBackend app = HttpBackend.start(r -> Reply.ok("ok"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4()).withLogging(Models.httplog(syslog.address()));
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                String authority = "127.0.0.1:" + proxy.boundAddresses().get(0).getPort();
                try (RawH2Client c = new RawH2Client(proxy.boundAddresses().get(0))) {
                    c.settingsAck();
                    Http2Headers big = RawH2Client.get("/big", authority).add("x-big", "a".repeat(16_000));
                    c.headers(1, big, true).headers(3, RawH2Client.get("/small", authority), true).flush();
                    String status1 = null;
                    String status3 = null;
                    for (RawH2Client.Frame f = c.next(10_000); f != null && (status1 == null || status3 == null);
                            f = c.next(10_000)) {
                        if (f.type() == RawH2Client.HEADERS) {
                            String st = c.decode(f).status().toString();
                            if (f.stream() == 1) {
                                status1 = st;
                            } else if (f.stream() == 3) {
                                status3 = st;
                            }
                        }
                    }
                    assertThat(status1).isEqualTo("431");
                    assertThat(status3).isEqualTo("200");
                }
                List<String> lines = List.of(fields(syslog.next()), fields(syslog.next()));
                assertThat(lines).anyMatch(l -> l.matches(".* fe fe/<NOSRV> -1/-1/-1/-1/\\d+ 431 0 - - PR-- .* \"<BADREQ>\""));
                assertThat(lines).anyMatch(l -> l.endsWith("\"GET http://" + authority + "/small HTTP/2.0\""));
            }
        }
    }

    /** Far over the limit the block is not even decoded: the connection goes (GOAWAY), like haproxy's. */
    @Test
    void headerListFarOverTheLimitClosesTheConnection() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("ok"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                String authority = "127.0.0.1:" + proxy.boundAddresses().get(0).getPort();
                try (RawH2Client c = new RawH2Client(proxy.boundAddresses().get(0))) {
                    Http2Headers huge = RawH2Client.get("/huge", authority).add("x-big", "a".repeat(60_000));
                    c.settingsAck().headers(1, huge, true).flush();
                    List<RawH2Client.Frame> frames = c.readUntilClosed(10_000);
                    assertThat(frames).anyMatch(f -> f.type() == RawH2Client.GOAWAY
                            && f.errorCode() != RawH2Client.NO_ERROR);
                }
            }
        }
    }
}
