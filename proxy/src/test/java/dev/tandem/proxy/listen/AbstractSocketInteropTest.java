package dev.tandem.proxy.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.proxy.ProxyOptions;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.net.PortLease;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code abns@} names against Debian's real haproxy 2.6 (configuration.txt §2.9.1 "abns@"):
 * haproxy binds and connects with the whole sun_path, the name padded with zeros to 107 bytes
 * (measured: {@code ss -xl} shows "@name@@@@..."), so a peer that uses the name's own length never
 * meets it (curl's --abstract-unix-socket does not). Tandem pads the same way, both directions.
 */
class AbstractSocketInteropTest {

    private static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 2s
                timeout client 5s
                timeout server 5s
            """;

    @TempDir
    Path dir;

    @Test
    void tandemAndHaproxyMeetOnAbstractNamesBothWays() throws Exception {
        String tag = "tandem-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String atHaproxy = tag + "-h";
        String atTandem = tag + "-t";
        try (PortLease haproxyPort = PortLease.take(); HttpBackend app = HttpBackend.start()) {
            Path hcfg = Files.writeString(dir.resolve("haproxy-peer.cfg"), DEFAULTS + """
                    frontend answers
                        bind abns@%s
                        http-request return status 200 content-type text/plain string "from haproxy"
                    frontend asks
                        bind 127.0.0.1:%d
                        default_backend tandem
                    backend tandem
                        server t abns@%s
                    """.formatted(atHaproxy, haproxyPort.port(), atTandem));
            Path log = dir.resolve("haproxy.log");
            Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", hcfg.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try (ProxyServer tandem = start(DEFAULTS + """
                    frontend front
                        bind %s
                        default_backend haproxy
                    backend haproxy
                        server h abns@%s
                    frontend answers
                        bind abns@%s
                        default_backend app
                    backend app
                        server s1 127.0.0.1:%d
                    """.formatted(dir.resolve("front.sock"), atHaproxy, atTandem, app.port()))) {
                InetSocketAddress haproxyFront = new InetSocketAddress("127.0.0.1", haproxyPort.port());
                AtomicReference<String> viaHaproxy = new AtomicReference<>("");
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                    assertThat(haproxy.isAlive()).as("haproxy runs: %s", Files.readString(log)).isTrue();
                    viaHaproxy.set(get(haproxyFront, "/to-tandem"));
                    assertThat(viaHaproxy.get()).startsWith("HTTP/1.1 200");
                });
                assertThat(app.take().uri()).as("haproxy reached Tandem's abns@ listener").isEqualTo("/to-tandem");
                String viaTandem = curlUnix(dir.resolve("front.sock"), "/to-haproxy");
                assertThat(viaTandem).as("Tandem reached haproxy's abns@ listener").startsWith("HTTP/1.1 200")
                        .endsWith("from haproxy");
            } finally {
                haproxy.destroy();
                if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                    haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private ProxyServer start(String text) throws Exception {
        Path cfg = dir.resolve("tandem.cfg");
        Files.writeString(cfg, text);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.permissive(Map.of()));
        assertThat(r.diagnostics()).as("config diagnostics").noneMatch(Diagnostic::isError);
        return ProxyServer.start(r.model().orElseThrow(), ProxyOptions.defaults().withThreads(1));
    }

    private static String get(InetSocketAddress at, String path) throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(at)) {
            c.send("GET " + path + " HTTP/1.1\r\nHost: example\r\n\r\n");
            return c.readResponse();
        }
    }

    private static String curlUnix(Path socket, String path) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-S", "-i", "--max-time", "20", "--unix-socket", socket.toString(),
                "http://abns.test" + path).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
