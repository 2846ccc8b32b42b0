package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.proxy.ProxyStartException;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.testkit.http.RawHttpClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server ... ssl [verify none|required] [ca-file f] [sni expr]} (configuration.txt §5.2) on
 * the running proxy, against a real HTTPS origin on loopback.
 */
class ServerTlsTest {

    @TempDir
    static Path dir;
    static Pki pki;
    static Path aCrt;
    static Path bCrt;
    static Path otherCa;

    @TempDir
    Path cfgDir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        pki = new Pki(dir);
        aCrt = pki.site("a.pem", "a.example.test", "a.example.test");
        bCrt = pki.site("b.pem", "b.example.test", "b.example.test");
        otherCa = new Pki(Files.createDirectories(dir.resolve("other"))).caCert;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    /** A clear-text frontend in front of one server line; returns the frontend's port. */
    private int proxy(String serverOptions, int originPort, String log) throws Exception {
        int port = ConfigProxy.freePort();
        keep(ConfigProxy.start(cfgDir, """
                global
                    log %s local0
                defaults
                    mode http
                    log global
                    option httplog
                    timeout connect 5s
                    timeout client 10s
                    timeout server 10s
                frontend fe
                    bind 127.0.0.1:%d
                    default_backend app
                backend app
                    retries 0
                    server s1 127.0.0.1:%d %s
                """.formatted(log, port, originPort, serverOptions)));
        return port;
    }

    private static String get(int port, String host) throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            return c.send("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").readResponse();
        }
    }

    @Test
    void verifyNoneSpeaksTlsToTheServerWithoutSni() throws Exception {
        HttpsOrigin origin = keep(new HttpsOrigin(aCrt));
        int port = proxy("ssl verify none", origin.port(), "127.0.0.1:9");

        assertThat(get(port, "www")).startsWith("HTTP/1.1 200").contains("sni=-");
        assertThat(origin.take().sni()).isEqualTo("-");
    }

    @Test
    void verifyRequiredAcceptsACertificateFromTheCaThatNamesTheSni() throws Exception {
        HttpsOrigin origin = keep(new HttpsOrigin(aCrt, bCrt));
        int port = proxy("ssl verify required ca-file " + pki.caCert + " sni str(b.example.test)", origin.port(),
                "127.0.0.1:9");

        assertThat(get(port, "www")).startsWith("HTTP/1.1 200").contains("sni=b.example.test");
    }

    @Test
    void aCertificateThatDoesNotNameTheSniOrComesFromAnotherCaIsAConnectionFailure() throws Exception {
        HttpsOrigin origin = keep(new HttpsOrigin(aCrt));
        try (SyslogReceiver syslog = new SyslogReceiver()) {
            int wrongName = proxy("ssl verify required ca-file " + pki.caCert + " sni str(b.example.test)",
                    origin.port(), syslog.address());
            int wrongCa = proxy("ssl verify required ca-file " + otherCa + " sni str(a.example.test)",
                    origin.port(), syslog.address());

            // a failed server handshake is a failed connect: 503 and SC-- once retries are spent
            assertThat(get(wrongName, "www")).startsWith("HTTP/1.1 503");
            assertThat(syslog.next()).contains(" app/s1 ").contains(" 503 ").contains(" SC-- ");
            assertThat(get(wrongCa, "www")).startsWith("HTTP/1.1 503");
            assertThat(syslog.next()).contains(" 503 ").contains(" SC-- ");
        }
    }

    @Test
    void pooledServerConnectionsAreOnlyReusedForTheSameSni() throws Exception {
        HttpsOrigin origin = keep(new HttpsOrigin(aCrt, bCrt));
        int port = proxy("ssl verify required ca-file " + pki.caCert + " sni req.hdr(host)", origin.port(),
                "127.0.0.1:9");

        try (RawHttpClient c = RawHttpClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            for (String host : List.of("a.example.test", "a.example.test", "b.example.test", "a.example.test")) {
                assertThat(c.send("GET /" + host + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").readResponse())
                        .startsWith("HTTP/1.1 200").contains("sni=" + host);
            }
        }
        HttpsOrigin.Seen a1 = origin.take();
        HttpsOrigin.Seen a2 = origin.take();
        HttpsOrigin.Seen b = origin.take();
        HttpsOrigin.Seen a3 = origin.take();
        assertThat(List.of(a1.sni(), a2.sni(), b.sni(), a3.sni()))
                .containsExactly("a.example.test", "a.example.test", "b.example.test", "a.example.test");
        assertThat(a2.connection()).as("same SNI: the connection is kept").isEqualTo(a1.connection());
        assertThat(b.connection()).as("another SNI: another connection").isNotEqualTo(a1.connection());
        assertThat(a3.connection()).as("back to the first SNI: its idle connection again").isEqualTo(a1.connection());
    }

    @Test
    void sslWithoutVerifyNoneOrCaFileIsAStartErrorAtTheServerLine() throws Exception {
        String text = """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:%d
                    default_backend app
                backend app
                    server s1 127.0.0.1:9 ssl
                """.formatted(ConfigProxy.freePort());
        // haproxy: "verify is enabled by default but no CA file specified" (fatal)
        assertThatThrownBy(() -> keep(ConfigProxy.start(cfgDir, text)))
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining("Proxy 'app' (" + cfgDir.resolve("haproxy.cfg") + ":10): server 's1': verify is "
                        + "enabled by default but no CA file is given")
                .hasMessageContaining("verify none");
    }
}
