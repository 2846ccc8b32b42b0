package dev.tandem.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.proxy.ProxyOptions;
import dev.tandem.proxy.ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Tandem proxy started from haproxy.cfg text on loopback, with what tests look at: every
 * syslog datagram it sends to {@code ${LOG}} (collected by a thread), what it prints on its
 * console (stderr), and a JDK HttpClient aimed at its first listener ({@code ${PORT}}).
 */
final class LiveProxy implements AutoCloseable {

    final ProxyServer proxy;
    final int port;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final DatagramSocket syslog;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Thread reader;

    private LiveProxy(Path dir, String cfgText, int threads) throws Exception {
        syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        syslog.setReceiveBufferSize(8 << 20);
        reader = Thread.ofPlatform().daemon().name("syslog-collector").start(this::collect);
        port = freePort();
        String text = cfgText.replace("${LOG}", "127.0.0.1:" + syslog.getLocalPort())
                .replace("${PORT}", Integer.toString(port));
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, text);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.permissive(Map.of()));
        assertThat(r.model()).as("diagnostics: %s", r.diagnostics()).isPresent();
        proxy = ProxyServer.start(r.model().orElseThrow(), ProxyOptions.defaults().withThreads(threads)
                .withConsole(new PrintStream(console, true, StandardCharsets.UTF_8)));
    }

    /** defaults (2s connect, 30s client and server) and frontend fe on ${PORT} to "backend be"; its lines follow. */
    static final String HTTP_FRONTEND = """
            defaults
                mode http
                timeout connect 2s
                timeout client 30s
                timeout server 30s
            frontend fe
                bind 127.0.0.1:${PORT}
                default_backend be
            backend be
            """;

    /** As {@link #HTTP_FRONTEND}, the frontend logging every request (option httplog) to the test's syslog. */
    static final String HTTP_FRONTEND_LOGGED = HTTP_FRONTEND.replace("    default_backend be\n",
            "    log ${LOG} local0\n    option httplog\n    default_backend be\n");

    static LiveProxy start(Path dir, String cfgText) throws Exception {
        return new LiveProxy(dir, cfgText, 2);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void collect() {
        byte[] buf = new byte[65536];
        while (!syslog.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                syslog.receive(p);
                lines.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // keep listening
            }
        }
    }

    /** Every syslog datagram so far, framed as sent. */
    List<String> log() {
        return List.copyOf(lines);
    }

    /** The syslog datagrams whose text contains {@code part}. */
    List<String> log(String part) {
        return lines.stream().filter(l -> l.contains(part)).toList();
    }

    /** The traffic lines (option httplog), parsed, in arrival order. */
    List<HttpLogLine> httpLog() {
        return lines.stream().map(HttpLogLine::parse).filter(java.util.Objects::nonNull).toList();
    }

    /** The lines printed on the console so far. */
    List<String> console() {
        synchronized (console) {
            String text = console.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return client.sendAsync(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        proxy.close();
        client.close();
        syslog.close();
    }
}
