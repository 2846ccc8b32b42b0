package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A haproxy.cfg read by the real config reader drives the TLS layer: the model carries what it needs. */
class ConfigToTlsBindTest {

    @TempDir
    Path dir;
    private FactsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HaproxyConfig read(String text) throws Exception {
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), text);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.system());
        assertThat(r.diagnostics()).as("config diagnostics").noneMatch(Diagnostic::isError);
        return r.model().orElseThrow();
    }

    @Test
    void globalDefaultsAndBindOptionsFromTheConfigShapeTheHandshake() throws Exception {
        Pki pki = new Pki(dir);
        Path site = pki.site("site.pem", "www.example.test", "www.example.test");
        HaproxyConfig config = read("""
                global
                    ssl-default-bind-options ssl-min-ver TLSv1.3 no-tls-tickets
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend https-in
                    bind 127.0.0.1:8443 ssl crt %s alpn h2,http/1.1 strict-sni
                    http-request set-header X-Forwarded-Proto https if { ssl_fc }
                    default_backend app
                backend app
                    server app1 127.0.0.1:8080
                """.formatted(site));
        BindTls tls = config.proxies().stream().filter(p -> p.name().equals("https-in")).findFirst().orElseThrow()
                .binds().get(0).tls().orElseThrow();

        TlsBind.Prepared p = TlsBind.prepare(tls, config.global().sslDefaults(), TlsEngine.detect(),
                List.of("h2", "http/1.1"), Duration.ofSeconds(5), Clock.systemUTC());
        assertThat(p.diagnostics()).isEmpty();
        server = new FactsServer(p.bind().orElseThrow());
        int port = server.port();

        Tool.Run tls13 = TlsBindHandshakeTest.sClient(port, "-servername", "www.example.test", "-alpn", "h2,http/1.1");
        assertThat(tls13.output()).contains("New, TLSv1.3", "ALPN protocol: h2");
        assertThat(TlsBindHandshakeTest.sClient(port, "-servername", "www.example.test", "-tls1_2").exit())
                .as("ssl-min-ver TLSv1.3 from ssl-default-bind-options").isNotZero();
        assertThat(TlsBindHandshakeTest.sClient(port, "-servername", "other.example.test").output())
                .as("strict-sni").contains("unrecognized name");
    }
}
