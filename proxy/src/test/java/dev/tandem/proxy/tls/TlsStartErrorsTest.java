package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.ProxyStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate the proxy cannot use stops the start with a line naming the bind (file:line,
 * proxy) and the file and why, as haproxy refuses to start; an expired one is only a warning.
 * The config reader only checks that a crt exists and looks like PEM, so these reach the runtime.
 */
class TlsStartErrorsTest {

    @TempDir
    static Path dir;
    static Pki pki;
    static Path good;

    @TempDir
    Path cfgDir;

    @BeforeAll
    static void certificates() {
        pki = new Pki(dir);
        good = pki.site("good.pem", "good.example.test", "good.example.test");
    }

    private String config(String bindOptions) throws Exception {
        return """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:%d ssl %s
                    http-request return status 200
                """.formatted(ConfigProxy.freePort(), bindOptions);
    }

    private String bindLine() {
        return "Binding [" + cfgDir.resolve("haproxy.cfg") + ":7] for proxy fe: ";
    }

    @Test
    void missingCertificateFileNamesTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        String text = config("crt " + missing);
        assertThatThrownBy(() -> ConfigProxy.start(cfgDir, text).close())
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining(bindLine() + "unable to load SSL certificate '" + missing + "': no such file")
                .hasMessageContaining("Some protocols failed to start their listeners! Exiting.");
    }

    @Test
    void keyOfAnotherCertificateIsAMismatch() throws Exception {
        Path other = pki.site("other.pem", "other.example.test", "other.example.test");
        String cert = Pki.read(good);
        String otherKey = Pki.read(other);
        Path mixed = dir.resolve("mixed.pem");
        Files.writeString(mixed, cert.substring(0, cert.indexOf("-----BEGIN PRIVATE KEY-----"))
                + otherKey.substring(otherKey.indexOf("-----BEGIN PRIVATE KEY-----")));
        String text = config("crt " + mixed);

        assertThatThrownBy(() -> ConfigProxy.start(cfgDir, text).close())
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining(bindLine() + "unable to load SSL certificate '" + mixed
                        + "': the private key does not match the certificate");
    }

    @Test
    void garbageBetweenPemMarkersIsNotACertificate() throws Exception {
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\nnot base64 at all !!\n-----END CERTIFICATE-----\n"
                + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        String text = config("crt " + garbage);

        assertThatThrownBy(() -> ConfigProxy.start(cfgDir, text).close())
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining(bindLine() + "unable to load SSL certificate '" + garbage + "': ");
    }

    @Test
    void badCrtListLineNamesTheListAndItsLine() throws Exception {
        Path list = dir.resolve("bad-list.txt");
        Files.writeString(list, good + "\n" + good + " [verify sometimes]\n");
        String text = config("crt-list " + list);

        assertThatThrownBy(() -> ConfigProxy.start(cfgDir, text).close())
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining(bindLine() + "'verify' : unknown verify method 'sometimes'")
                .hasMessageContaining("(" + list + ":2)");
    }

    @Test
    void verifyRequiredWithoutCaFileIsAStartError() throws Exception {
        String text = config("crt " + good + " verify required");
        assertThatThrownBy(() -> ConfigProxy.start(cfgDir, text).close())
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining(bindLine() + "'verify required' needs a 'ca-file'");
    }

    @Test
    void expiredCertificateIsAWarningAndTheListenerServes() throws Exception {
        Path expired = pki.expired("expired.pem", "old.example.test");
        int port = ConfigProxy.freePort();
        String text = """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:%d ssl crt %s
                    http-request return status 200
                """.formatted(port, expired);
        try (ProxyServer proxy = ConfigProxy.start(cfgDir, text)) {
            assertThat(proxy.warnings()).singleElement().asString()
                    .startsWith(bindLine() + "warning: SSL certificate '" + expired + "' (CN=old.example.test) expired on");
            Tool.Run r = Tool.run(List.of("curl", "-sS", "-k", "-o", "/dev/null", "-w", "%{http_code}",
                    "https://127.0.0.1:" + port + "/"), null, 30);
            assertThat(r.output()).isEqualTo("200");
        }
    }
}
