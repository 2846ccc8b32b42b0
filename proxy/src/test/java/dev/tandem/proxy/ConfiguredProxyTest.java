package dev.tandem.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The article's haproxy.cfg read by the config module and run, with its addresses swapped for loopback. */
class ConfiguredProxyTest {

    @TempDir
    Path dir;

    private static String article() throws IOException {
        try (InputStream in = ConfiguredProxyTest.class.getResourceAsStream("article-haproxy.cfg")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The first of three consecutive free ports, below the kernel's ephemeral range (32768-60999) so that
     * outgoing connections of concurrent tests cannot take one between this check and the bind.
     */
    private static int threeFreePorts() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + random.nextInt(12_000);
            try (ServerSocket a = new ServerSocket(base); ServerSocket b = new ServerSocket(base + 1);
                    ServerSocket c = new ServerSocket(base + 2)) {
                return base;
            } catch (IOException taken) {
                // try another base
            }
        }
        throw new IllegalStateException("no three consecutive free ports in 20000-32000");
    }

    private HaproxyConfig read(String text) throws IOException {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, text);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.permissive(Map.of()));
        assertThat(r.model()).as("diagnostics: %s", r.diagnostics()).isPresent();
        return r.model().orElseThrow();
    }

    /** The article config minus the TLS frontend, binds on 127.0.0.1 and ::1, servers on loopback. */
    private String loopbackArticle(int port, InetSocketAddress a, InetSocketAddress b, String log) throws IOException {
        String text = article();
        int https = text.indexOf("# The article's netstat output");
        int backend = text.indexOf("# Application servers");
        text = text.substring(0, https) + text.substring(backend);
        return text.replace("log /dev/log local0", "log " + log + " local0")
                .replace("bind 1.2.3.4:80", "bind 127.0.0.1:" + port)
                .replace("bind 2a02:123:45:67bb::1:80 transparent", "bind ::1:" + port + " transparent")
                .replace("option httpchk GET /health", "")
                .replace("server app1 10.1.0.11:8080 check", "server app1 127.0.0.1:" + a.getPort())
                .replace("server app2 10.2.0.11:8080 check", "server app2 127.0.0.1:" + b.getPort())
                .replace("server app3 10.3.0.11:8080 check", "");
    }

    @Test
    void articleConfigRunsAndTheServersSeeTheForwardedHeaders() throws Exception {
        int port = freePort();
        try (HttpBackend a = HttpBackend.start(); HttpBackend b = HttpBackend.start();
                SyslogReceiver syslog = new SyslogReceiver()) {
            HaproxyConfig cfg = read(loopbackArticle(port, a.address(), b.address(), syslog.address()));
            try (ProxyServer proxy = ProxyServer.start(cfg, ProxyOptions.defaults().withThreads(1))) {
                assertThat(proxy.boundAddresses()).hasSize(2);
                for (String host : List.of("127.0.0.1", "::1")) {
                    try (RawHttpClient c = RawHttpClient.connect(new InetSocketAddress(host, port))) {
                        c.send("GET /article HTTP/1.1\r\nHost: www\r\n\r\n");
                        assertThat(c.readResponse()).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
                    }
                }
                RecordedRequest first = a.take();
                RecordedRequest second = b.take();
                assertThat(first.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
                assertThat(second.header("X-Forwarded-For")).isEqualTo("::1");
                assertThat(first.header("X-Forwarded-Proto")).isEqualTo("http");
                assertThat(second.header("X-Real-IP")).isEqualTo("::1");
                assertThat(syslog.next()).contains("] http-in appserver/app1 ").endsWith("\"GET /article HTTP/1.1\"");
                assertThat(syslog.next()).contains(": ::1:").contains("] http-in appserver/app2 ");
            }
        }
    }

    @Test
    void unbindableAddressFailsStartWithHaproxysMessage() throws Exception {
        int port = freePort();
        String text = """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 1s
                    timeout server 1s
                frontend a
                    bind 192.0.2.77:%d
                    default_backend b
                backend b
                    server s 127.0.0.1:9
                """.formatted(port);
        HaproxyConfig cfg = read(text);
        assertThatThrownBy(() -> ProxyServer.start(cfg, ProxyOptions.defaults().withThreads(1)))
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining("Binding [" + dir.resolve("haproxy.cfg") + ":7] for proxy a: cannot bind socket "
                        + "(Cannot assign requested address) for [192.0.2.77:" + port + "]")
                .hasMessageContaining("Some protocols failed to start their listeners! Exiting.");
    }

    @Test
    void transparentBindComesUpOnAnAddressThatIsNotLocal() throws Exception {
        int port = freePort();
        String text = """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 1s
                    timeout server 1s
                frontend a
                    bind 192.0.2.77:%d transparent
                    bind 2001:db8::77:%d transparent
                    default_backend b
                backend b
                    server s 127.0.0.1:9
                """.formatted(port, port);
        try (ProxyServer proxy = ProxyServer.start(read(text), ProxyOptions.defaults().withThreads(1))) {
            assertThat(proxy.boundAddresses()).extracting(InetSocketAddress::getPort).containsExactly(port, port);
        }
    }

    @Test
    void portRangeOpensOneListenerPerPort() throws Exception {
        int port = threeFreePorts();
        String text = """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 1s
                    timeout server 1s
                frontend a
                    bind 127.0.0.1:%d-%d
                    default_backend b
                backend b
                    server s 127.0.0.1:9
                """.formatted(port, port + 2);
        try (ProxyServer proxy = ProxyServer.start(read(text), ProxyOptions.defaults().withThreads(1))) {
            assertThat(proxy.boundAddresses()).extracting(InetSocketAddress::getPort)
                    .containsExactly(port, port + 1, port + 2);
        }
    }

    @Test
    void tlsListenerWithoutItsCertificateIsAStartErrorNamingTheBindAndTheFile() throws Exception {
        String text = article().replace("bind 1.2.3.4:80", "bind 127.0.0.1:" + freePort())
                .replace("bind 2a02:123:45:67bb::1:80 transparent", "");
        HaproxyConfig cfg = read(text); // the permissive host says the file exists; the runtime finds it does not
        assertThatThrownBy(() -> ProxyServer.start(cfg, ProxyOptions.defaults().withThreads(1)))
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining("Binding [" + dir.resolve("haproxy.cfg") + ":33] for proxy https-in: unable to load "
                        + "SSL certificate '/etc/ssl/private/site.pem': no such file");
    }
}
