package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.Origin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * configuration.txt "option httpchk" and "http-check send". Every expected request below is what
 * HAProxy 2.6.12 wrote on the wire on this project's test machine.
 */
class HttpCheckRequestTest {

    private static String wire(HealthCheck check) {
        return new String(HttpCheckRequest.of(check).encode(), StandardCharsets.ISO_8859_1);
    }

    private static HealthCheck option(String method, String uri, String version) {
        return new HealthCheck(HealthCheck.Kind.HTTP, Optional.of(new HealthCheck.HttpCheckRequest(method, uri, version)),
                List.of());
    }

    private static HealthCheck send(String method, String uri, String version, List<CheckRule.Header> headers, String body) {
        return new HealthCheck(HealthCheck.Kind.HTTP, Optional.empty(),
                List.of(new CheckRule.HttpSend(method, uri, version, headers, body, Origin.DEFAULT)));
    }

    @Test
    void bareOptionHttpchkSendsOptionsSlashHttp10() {
        assertThat(wire(option(null, null, null))).isEqualTo("OPTIONS / HTTP/1.0\r\n\r\n");
        assertThat(wire(new HealthCheck(HealthCheck.Kind.HTTP, Optional.empty(), List.of())))
                .isEqualTo("OPTIONS / HTTP/1.0\r\n\r\n");
    }

    @Test
    void uriOnlyKeepsOptions() {
        assertThat(wire(option(null, "/only-uri", null))).isEqualTo("OPTIONS /only-uri HTTP/1.0\r\n\r\n");
    }

    @Test
    void methodAndUriOfTheArticleConfig() {
        assertThat(wire(option("GET", "/health", null))).isEqualTo("GET /health HTTP/1.0\r\n\r\n");
    }

    @Test
    void hostHiddenInTheVersionOnHttp11GetsConnectionClose() {
        assertThat(wire(option("GET", "/", "HTTP/1.1\r\nHost: x")))
                .isEqualTo("GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
        assertThat(wire(option("HEAD", "/x", "HTTP/1.0\r\nHost: y"))).isEqualTo("HEAD /x HTTP/1.0\r\nhost: y\r\n\r\n");
    }

    @Test
    void httpCheckSendWithHeadersAndBody() {
        assertThat(wire(send("GET", "/h", "HTTP/1.1",
                List.of(new CheckRule.Header("Host", "example.org"), new CheckRule.Header("X-A", "b")), "hello")))
                .isEqualTo("GET /h HTTP/1.1\r\nhost: example.org\r\nx-a: b\r\ncontent-length: 5\r\nconnection: close\r\n\r\nhello");
        assertThat(wire(send("POST", "/p", "HTTP/1.0", List.of(new CheckRule.Header("X-Y", "z")), "abc")))
                .isEqualTo("POST /p HTTP/1.0\r\nx-y: z\r\ncontent-length: 3\r\n\r\nabc");
    }

    @Test
    void http11WithoutHeadersStillClosesAndKeepAliveGoesUnsaid() {
        assertThat(wire(send("GET", "/q", "HTTP/1.1", List.of(), ""))).isEqualTo("GET /q HTTP/1.1\r\nconnection: close\r\n\r\n");
        assertThat(wire(send("GET", "/r", "HTTP/1.1", List.of(new CheckRule.Header("Connection", "keep-alive")), "")))
                .isEqualTo("GET /r HTTP/1.1\r\n\r\n");
    }

    @Test
    void httpCheckSendOverridesOptionHttpchkFieldByField() {
        // haproxy 2.6.12: "option httpchk GET /health" + "http-check send hdr Host x" sends
        // GET /health HTTP/1.0; "option httpchk HEAD /h HTTP/1.1" + "http-check send meth GET" sends GET /h HTTP/1.1
        HealthCheck hostOnly = new HealthCheck(HealthCheck.Kind.HTTP,
                Optional.of(new HealthCheck.HttpCheckRequest("GET", "/health", null)),
                List.of(new CheckRule.HttpSend("", "", "", List.of(new CheckRule.Header("Host", "x")), "", Origin.DEFAULT)));
        assertThat(wire(hostOnly)).isEqualTo("GET /health HTTP/1.0\r\nhost: x\r\n\r\n");
        HealthCheck methOnly = new HealthCheck(HealthCheck.Kind.HTTP,
                Optional.of(new HealthCheck.HttpCheckRequest("HEAD", "/h", "HTTP/1.1")),
                List.of(new CheckRule.HttpSend("GET", null, null, List.of(), null, Origin.DEFAULT)));
        assertThat(wire(methOnly)).isEqualTo("GET /h HTTP/1.1\r\nconnection: close\r\n\r\n");
        HealthCheck uriOnly = new HealthCheck(HealthCheck.Kind.HTTP, Optional.of(new HealthCheck.HttpCheckRequest(null, null, null)),
                List.of(new CheckRule.HttpSend(null, "/only", null, List.of(), null, Origin.DEFAULT)));
        assertThat(wire(uriOnly)).isEqualTo("OPTIONS /only HTTP/1.0\r\n\r\n");
    }

    @Test
    void httpCheckSendFillsItsGapsFromOptionHttpchk() {
        HealthCheck both = new HealthCheck(HealthCheck.Kind.HTTP,
                Optional.of(new HealthCheck.HttpCheckRequest("GET", "/health", "HTTP/1.1")),
                List.of(new CheckRule.HttpSend(null, null, null, List.of(new CheckRule.Header("Host", "h")), null,
                        Origin.DEFAULT)));
        assertThat(wire(both)).isEqualTo("GET /health HTTP/1.1\r\nhost: h\r\nconnection: close\r\n\r\n");
    }
}
