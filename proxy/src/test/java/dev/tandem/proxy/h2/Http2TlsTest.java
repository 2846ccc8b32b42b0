package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.model.Bind;
import dev.tandem.proxy.model.ForwardFor;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RecordedRequest;
import dev.tandem.testkit.http.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 over TLS: the protocol switch follows the protocol ALPN negotiated ("h2" or "http/1.1",
 * configuration.txt §5.1 "alpn"), with curl and the JDK HttpClient as clients.
 */
class Http2TlsTest {

    @TempDir
    Path dir;

    @Test
    void alpnH2IsServedAsHttp2AndHttp11StaysHttp11() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("hello " + r.uri()))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4()).withForwardFor(ForwardFor.DEFAULT, false);
            try (TlsFront tls = new TlsFront(dir, fe, Models.backend("app", app.address()), Bind.Proto.AUTO)) {
                String base = "https://127.0.0.1:" + tls.port();
                assertThat(Curl.run("--cacert", tls.cert.toString(), "--http2", "-w", " %{http_version}",
                        base + "/a?b=1")).isEqualTo("hello /a?b=1 2");
                RecordedRequest r = app.take();
                assertThat(r.requestLine()).isEqualTo("GET /a?b=1 HTTP/1.1");
                assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + tls.port());
                assertThat(r.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
                assertThat(Curl.run("--cacert", tls.cert.toString(), "--http1.1", "-w", " %{http_version}",
                        base + "/c")).isEqualTo("hello /c 1.1");
            }
        }
    }

    /** The certificate chosen by SNI first (the ClientHello is read before any SslHandler exists). */
    @Test
    void alpnWorksBehindAnSniHandler() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("sni"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            try (TlsFront tls = new TlsFront(dir, fe, Models.backend("app", app.address()), Bind.Proto.AUTO, true)) {
                String base = "https://127.0.0.1:" + tls.port();
                assertThat(Curl.run("--cacert", tls.cert.toString(), "--http2", "-w", " %{http_version}", base + "/"))
                        .isEqualTo("sni 2");
                assertThat(Curl.run("--cacert", tls.cert.toString(), "--http1.1", "-w", " %{http_version}", base + "/"))
                        .isEqualTo("sni 1.1");
            }
        }
    }

    @Test
    void jdkHttpClientNegotiatesHttp2() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("via " + r.method()))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            try (TlsFront tls = new TlsFront(dir, fe, Models.backend("app", app.address()), Bind.Proto.AUTO);
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                            .sslContext(tls.clientContext()).build()) {
                URI uri = URI.create("https://127.0.0.1:" + tls.port() + "/jdk");
                HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(get.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(get.body()).isEqualTo("via GET");
                HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(post.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(post.body()).isEqualTo("via POST");
                app.take();
                assertThat(app.take().body()).hasSize(100_000);
            }
        }
    }

    /** "proto h1" offers only http/1.1 in ALPN ({@link Bind.Proto#served()}): an h2-capable client stays on 1.1. */
    @Test
    void protoH1OffersOnlyHttp11() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> Reply.ok("ok"))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            try (TlsFront tls = new TlsFront(dir, fe, Models.backend("app", app.address()), Bind.Proto.H1)) {
                assertThat(Curl.run("--cacert", tls.cert.toString(), "--http2", "-w", " %{http_version}",
                        "https://127.0.0.1:" + tls.port() + "/")).isEqualTo("ok 1.1");
            }
        }
    }
}
