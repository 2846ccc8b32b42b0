package dev.tandem.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RecordedRequest;
import dev.tandem.testkit.http.TcpEchoBackend;
import dev.tandem.testkit.net.PortLease;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code listen} sections as configuration.txt §4 describes them: a frontend and a backend in one
 * section, so its own servers serve it unless a use_backend or default_backend sends the request
 * elsewhere. Regression: a listen with its own servers answered 503 (HTTP) or reset (TCP), since
 * nothing made the section its own default backend.
 */
class ListenSectionTest {

    private static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 2s
                timeout client 5s
                timeout server 5s
            """;

    @TempDir
    Path dir;

    private ProxyServer start(String text) throws Exception {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, text);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.permissive(Map.of()));
        assertThat(r.diagnostics()).as("config diagnostics").noneMatch(Diagnostic::isError);
        return ProxyServer.start(r.model().orElseThrow(), ProxyOptions.defaults().withThreads(1));
    }

    private static String get(int port, String path) throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            c.send("GET " + path + " HTTP/1.1\r\nHost: example\r\n\r\n");
            return c.readResponse();
        }
    }

    @Test
    void listenWithItsOwnServersForwardsToThem() throws Exception {
        try (PortLease port = PortLease.take(); HttpBackend app = HttpBackend.start()) {
            try (ProxyServer p = start(DEFAULTS + """
                    listen web
                        bind 127.0.0.1:%d
                        server s1 127.0.0.1:%d
                    """.formatted(port.port(), app.port()))) {
                assertThat(get(port.port(), "/own")).startsWith("HTTP/1.1 200");
                assertThat(app.take().uri()).isEqualTo("/own");
            }
        }
    }

    @Test
    void listenRulesRunOnceThoughTheSectionIsFrontendAndBackend() throws Exception {
        try (PortLease port = PortLease.take(); HttpBackend app = HttpBackend.start()) {
            try (ProxyServer p = start(DEFAULTS + """
                    listen web
                        bind 127.0.0.1:%d
                        http-request add-header X-Seen yes
                        http-response add-header X-Back yes
                        option forwardfor
                        server s1 127.0.0.1:%d
                    """.formatted(port.port(), app.port()))) {
                String response = get(port.port(), "/");
                RecordedRequest seen = app.take();
                assertThat(seen.headers("X-Seen")).containsExactly("yes");
                assertThat(seen.headers("X-Forwarded-For")).containsExactly("127.0.0.1");
                assertThat(response.toLowerCase().split("x-back: yes", -1)).hasSize(2);
            }
        }
    }

    @Test
    void listenUseBackendSendsMatchingRequestsElsewhereAndKeepsTheRestOnItsServers() throws Exception {
        try (PortLease port = PortLease.take(); HttpBackend own = HttpBackend.start();
                HttpBackend api = HttpBackend.start()) {
            try (ProxyServer p = start(DEFAULTS + """
                    listen web
                        bind 127.0.0.1:%d
                        use_backend api if { path_beg /api }
                        server s1 127.0.0.1:%d
                    backend api
                        server a1 127.0.0.1:%d
                    """.formatted(port.port(), own.port(), api.port()))) {
                assertThat(get(port.port(), "/api/x")).startsWith("HTTP/1.1 200");
                assertThat(api.take().uri()).isEqualTo("/api/x");
                assertThat(get(port.port(), "/page")).startsWith("HTTP/1.1 200");
                assertThat(own.take().uri()).isEqualTo("/page");
            }
        }
    }

    @Test
    void listenDefaultBackendWinsOverItsOwnServers() throws Exception {
        try (PortLease port = PortLease.take(); HttpBackend own = HttpBackend.start();
                HttpBackend other = HttpBackend.start()) {
            try (ProxyServer p = start(DEFAULTS + """
                    listen web
                        bind 127.0.0.1:%d
                        default_backend other
                        server s1 127.0.0.1:%d
                    backend other
                        server o1 127.0.0.1:%d
                    """.formatted(port.port(), own.port(), other.port()))) {
                assertThat(get(port.port(), "/x")).startsWith("HTTP/1.1 200");
                assertThat(other.take().uri()).isEqualTo("/x");
                assertThat(own.pending()).isZero();
            }
        }
    }

    @Test
    void tcpListenWithItsOwnServersRelaysBytes() throws Exception {
        try (PortLease port = PortLease.take(); TcpEchoBackend echo = TcpEchoBackend.start()) {
            try (ProxyServer p = start(DEFAULTS.replace("mode http", "mode tcp") + """
                    listen db
                        bind 127.0.0.1:%d
                        server s1 127.0.0.1:%d
                    """.formatted(port.port(), echo.address().getPort()))) {
                try (Socket s = new Socket("127.0.0.1", port.port())) {
                    s.setSoTimeout(5000);
                    OutputStream out = s.getOutputStream();
                    out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    InputStream in = s.getInputStream();
                    assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("ping\n");
                }
            }
        }
    }
}
