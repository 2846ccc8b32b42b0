package dev.tandem.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.model.ConnectionMode;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RecordedRequest;
import dev.tandem.testkit.http.Reply;
import dev.tandem.testkit.http.RequestHead;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keep-alive, server-close, pooling, streamed bodies, 100-continue and the WebSocket tunnel. */
class ForwardingTest {

    private HttpBackend app;
    private ProxyServer proxy;

    private InetSocketAddress start(ConnectionMode mode) throws Exception {
        app = HttpBackend.start(r -> Reply.ok("echo:" + r.bodyText().length()));
        Frontend fe = Models.frontend("fe", "app", Models.v4()).withConnectionMode(mode);
        proxy = Models.start(fe, Models.backend("app", app.address()));
        return proxy.boundAddresses().getFirst();
    }

    @AfterEach
    void stop() {
        proxy.close();
        app.close();
    }

    @Test
    void keepAliveIsTheDefaultAndTheServerConnectionIsReused() throws Exception {
        InetSocketAddress at = start(ConnectionMode.KEEP_ALIVE);
        try (RawHttpClient c = RawHttpClient.connect(at)) {
            for (int i = 0; i < 3; i++) {
                c.send("GET /" + i + " HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(c.readResponse()).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection:");
            }
        }
        for (int i = 0; i < 3; i++) {
            RecordedRequest r = app.take();
            assertThat(r.hasHeader("connection")).isFalse();
        }
        assertThat(app.connections()).isEqualTo(1);
    }

    @Test
    void idleServerConnectionsAreSharedBetweenLaterRequestsOfOtherClients() throws Exception {
        InetSocketAddress at = start(ConnectionMode.KEEP_ALIVE);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort()
                    + "/k" + i)).timeout(java.time.Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(app.connections()).isLessThanOrEqualTo(2);
    }

    @Test
    void serverCloseKeepsTheClientButClosesEachServerConnection() throws Exception {
        InetSocketAddress at = start(ConnectionMode.SERVER_CLOSE);
        try (RawHttpClient c = RawHttpClient.connect(at)) {
            c.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
            c.send("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
        }
        assertThat(app.take().header("Connection")).isEqualTo("close");
        assertThat(app.take().header("Connection")).isEqualTo("close");
        assertThat(app.connections()).isEqualTo(2);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        InetSocketAddress at = start(ConnectionMode.KEEP_ALIVE);
        try (RawHttpClient c = RawHttpClient.connect(at)) {
            c.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
        }
        assertThat(app.take().uri()).isEqualTo("/a");
        assertThat(app.take().uri()).isEqualTo("/b");
    }

    @Test
    void largeChunkedUploadStreamsThroughIntact() throws Exception {
        InetSocketAddress at = start(ConnectionMode.KEEP_ALIVE);
        byte[] body = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(body);
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + Math.floorMod(body[i], 26));
        }
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/up"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                        .timeout(java.time.Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("echo:" + body.length);
        RecordedRequest seen = app.take();
        assertThat(seen.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(Arrays.equals(seen.body(), body)).isTrue();
    }

    @Test
    void largeResponseReachesASlowReaderCompletely() throws Exception {
        InetSocketAddress at = start(ConnectionMode.KEEP_ALIVE);
        byte[] big = "0123456789abcdef".repeat(256 * 1024).getBytes(StandardCharsets.US_ASCII);
        app.reply(r -> new Reply.Respond(200, List.of(), big, java.time.Duration.ZERO, false, false));
        try (Socket s = new Socket(at.getAddress(), at.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /big HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) != -1) {
                got.write(buf, 0, n);
                Thread.sleep(1);
            }
            byte[] all = got.toByteArray();
            String text = new String(all, StandardCharsets.US_ASCII);
            int bodyAt = text.indexOf("\r\n\r\n") + 4;
            assertThat(all.length - bodyAt).isEqualTo(big.length);
        }
    }

    @Test
    void expectContinueIsRelayedFromTheServer() throws Exception {
        InetSocketAddress at = start(ConnectionMode.KEEP_ALIVE);
        try (RawHttpClient c = RawHttpClient.connect(at)) {
            c.send("POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            String interim = c.readResponse();
            assertThat(interim).startsWith("HTTP/1.1 100 Continue");
            c.send("hello");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200").endsWith("echo:5");
        }
        assertThat(app.take().bodyText()).isEqualTo("hello");
    }

    @Test
    void webSocketUpgradeBecomesATunnel() throws Exception {
        app = HttpBackend.start();
        try (var ws = new EchoUpgradeServer()) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            proxy = Models.start(fe, Models.backend("app", ws.address()));
            InetSocketAddress at = proxy.boundAddresses().getFirst();
            try (RawHttpClient c = RawHttpClient.connect(at)) {
                c.send("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
                String head = c.readResponse();
                assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket");
                c.send("raw-bytes-after-upgrade");
                c.shutdownOutput();
                assertThat(c.readAll()).isEqualTo("raw-bytes-after-upgrade");
            }
        }
    }

    @Test
    void aServerSpeakingBetweenRequestsLosesItsConnectionAndTheNextRequestGetsItsOwnAnswer() throws Exception {
        app = HttpBackend.start();
        try (var server = new StaleAnswerServer()) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            proxy = Models.start(fe, Models.backend("app", server.address()));
            InetSocketAddress at = proxy.boundAddresses().getFirst();
            try (RawHttpClient c = RawHttpClient.connect(at)) {
                c.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(c.readResponse()).startsWith("HTTP/1.1 200").endsWith("first");
                // the kept server connection sent a second, unasked-for answer: it must not be reused
                await().atMost(java.time.Duration.ofSeconds(10)).until(() -> server.closedByProxy.get() == 1);
                c.send("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(c.readResponse()).startsWith("HTTP/1.1 200").endsWith("fresh");
            }
            assertThat(server.connections.get()).isEqualTo(2);
        }
    }

    /** The first connection answers its request, then sends a stale answer nobody asked for; later ones answer "fresh". */
    static final class StaleAnswerServer implements AutoCloseable {
        private final java.net.ServerSocket server = new java.net.ServerSocket(0, 10,
                java.net.InetAddress.getLoopbackAddress());
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger closedByProxy = new java.util.concurrent.atomic.AtomicInteger();

        StaleAnswerServer() throws java.io.IOException {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        int n = connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s, n));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket s, int n) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (readHead(in)) {
                    out.write(answer(n == 1 ? "first" : "fresh"));
                    out.flush();
                    if (n == 1) {
                        out.write(answer("stale"));
                        out.flush();
                    }
                }
                if (n == 1) {
                    closedByProxy.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                if (n == 1) {
                    closedByProxy.incrementAndGet();
                }
            }
        }

        private static byte[] answer(String body) {
            return ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII);
        }

        private static boolean readHead(InputStream in) throws java.io.IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                head.append((char) b);
            }
            return true;
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    /** Answers 101 then echoes raw bytes until EOF. */
    static final class EchoUpgradeServer implements AutoCloseable {
        private final java.net.ServerSocket server = new java.net.ServerSocket(0, 10,
                java.net.InetAddress.getLoopbackAddress());

        EchoUpgradeServer() throws java.io.IOException {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    if (RequestHead.read(in) == null) {
                        return;
                    }
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    in.transferTo(out);
                    s.shutdownOutput();
                } catch (java.io.IOException e) {
                    // test ends
                }
            });
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }
}
