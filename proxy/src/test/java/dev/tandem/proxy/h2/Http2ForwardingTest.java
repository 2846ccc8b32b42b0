package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.model.ForwardFor;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RecordedRequest;
import dev.tandem.testkit.http.Reply;
import org.junit.jupiter.api.Test;

/** HTTP/2 clients through the proxy to HTTP/1.1 servers, with real clients (curl, the JDK client). */
class Http2ForwardingTest {

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
                assertThat(r.requestLine()).isEqualTo("GET /x?y=1 HTTP/1.1");
                assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + port);
                assertThat(r.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
            }
        }
    }
}
