package dev.tandem.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.model.ForwardFor;
import dev.tandem.proxy.model.Frontend;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two demo backends behind the proxy, as "tandem demo" runs them. */
class DemoBackendTest {

    @Test
    void twoDemoBackendsTakeTurnsAndShowTheForwardedHeaders() throws Exception {
        try (DemoBackend a = DemoBackend.start("app1", new InetSocketAddress("127.0.0.1", 0));
                DemoBackend b = DemoBackend.start("app2", new InetSocketAddress("127.0.0.1", 0))) {
            Frontend fe = Models.frontend("demo", "apps", Models.v4()).withForwardFor(ForwardFor.DEFAULT, false);
            try (ProxyServer proxy = Models.start(fe, Models.backend("apps", a.address(), b.address()))) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI uri = URI.create("http://127.0.0.1:" + proxy.boundAddresses().getFirst().getPort() + "/hi");
                String first = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                String second = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(first + second).contains("Hello from app1").contains("Hello from app2");
                assertThat(first).contains("GET /hi HTTP/1.1").contains("X-Forwarded-For: 127.0.0.1");
            }
        }
    }
}
