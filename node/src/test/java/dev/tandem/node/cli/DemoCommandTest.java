package dev.tandem.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The README's first command: the article's frontend on loopback in front of two demo servers. */
class DemoCommandTest {

    @Test
    void demoProxiesBothFamiliesToBothServersWithTheArticlesHeaders() throws Exception {
        int port = freePort();
        CompletableFuture<Cli> demo = CompletableFuture.supplyAsync(
                () -> Cli.run("demo", "--port", Integer.toString(port), "--seconds", "8"));
        await().atMost(Duration.ofSeconds(15)).until(() -> accepts(port));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        String first = get(client, "http://127.0.0.1:" + port + "/hello");
        String second = get(client, "http://127.0.0.1:" + port + "/hello");
        String v6 = get(client, "http://[::1]:" + port + "/v6");

        assertThat(first + second).contains("Hello from app1").contains("Hello from app2");
        assertThat(first).contains("X-Forwarded-For: 127.0.0.1").contains("X-Forwarded-Proto: http")
                .contains("X-Real-IP: 127.0.0.1");
        // An IPv6 client reaches an IPv4 server, which sees the IPv6 text (haproxy.md §1.2).
        assertThat(v6).contains("X-Forwarded-For: ::1").contains("X-Real-IP: ::1");
        Cli result = demo.get();
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("curl -s http://127.0.0.1:" + port + "/hello");
    }

    private static String get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
