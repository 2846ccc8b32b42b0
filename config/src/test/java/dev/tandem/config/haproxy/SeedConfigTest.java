package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.ParseResult;
import dev.tandem.config.Severity;
import dev.tandem.config.haproxy.model.AddressFamily;
import dev.tandem.config.haproxy.model.BindAddress;
import dev.tandem.config.haproxy.model.ConnectionMode.HttpConnectionMode;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.HttpAction;
import dev.tandem.config.haproxy.model.LogSink;
import dev.tandem.config.haproxy.model.Mode;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.ProxyLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The article's configuration (seed/haproxy.cfg): no error, and only the warnings an operator needs. */
class SeedConfigTest {

    @TempDir
    Path tmp;

    private ParseResult<HaproxyConfig> result;

    @BeforeEach
    void readSeed() throws IOException {
        String cfg = Fixtures.text("seed/haproxy.cfg")
                .replace("/etc/ssl/private/site.pem", Fixtures.resource("seed/site.pem").toString());
        Path file = tmp.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        result = HaproxyConfigReader.read(List.of(file), Fixtures.host());
    }

    @Test
    void seedHasNoErrorAndExactlyTheOperatorWarnings() {
        assertThat(result.hasErrors()).isFalse();
        assertThat(Fixtures.briefs(result.diagnostics())).containsExactly(
                "25: warning: 'option httpclose' overrides 'option http-server-close' at line 24 (these options override"
                        + " each other, the last one wins): with HAProxy 2.x semantics both the client and the server"
                        + " connection are closed after each response",
                "26: warning: 'reqadd' is not supported anymore since HAProxy 2.1; Tandem applies it as 'http-request"
                        + " add-header'. Prefer 'http-request set-header', which also replaces any value the client sent,"
                        + " so it cannot be spoofed");
    }

    @Test
    void reqaddWarningHintIsTheModernLine() {
        Diagnostic reqadd = result.diagnostics().get(1);
        assertThat(reqadd.severity()).isEqualTo(Severity.WARNING);
        assertThat(reqadd.hint()).isEqualTo("http-request add-header X-Forwarded-Proto http");
        assertThat(reqadd.format()).contains("haproxy.cfg:26: warning: 'reqadd'");
    }

    @Test
    void reqaddBecomesAnAddHeaderRuleBeforeTheLaterHttpRequestRule() {
        Proxy httpIn = proxy("http-in");
        assertThat(httpIn.httpRequestRules()).extracting(r -> r.action()).satisfiesExactly(
                a -> assertThat(a).isInstanceOfSatisfying(HttpAction.AddHeader.class, h -> {
                    assertThat(h.name()).isEqualTo("X-Forwarded-Proto");
                    assertThat(h.value().source()).isEqualTo("http");
                    assertThat(h.value().isConstant()).isTrue();
                }),
                a -> assertThat(a).isInstanceOfSatisfying(HttpAction.AddHeader.class, h -> {
                    assertThat(h.name()).isEqualTo("X-Real-IP");
                    assertThat(h.value().nodes()).hasSize(1);
                }));
    }

    @Test
    void lastHttpConnectionOptionWinsAndRemembersItsLine() {
        Proxy httpIn = proxy("http-in");
        assertThat(httpIn.connectionMode().mode()).isEqualTo(HttpConnectionMode.CLOSE);
        assertThat(httpIn.connectionMode().origin().line()).isEqualTo(25);
        assertThat(proxy("https-in").connectionMode().mode()).isEqualTo(HttpConnectionMode.KEEP_ALIVE);
    }

    @Test
    void ipv6BindWithoutBracketsTakesLastColonAsPort() {
        Proxy httpIn = proxy("http-in");
        assertThat(httpIn.binds()).hasSize(2);
        assertThat(httpIn.binds().get(1).addresses())
                .containsExactly(new BindAddress.Inet(AddressFamily.IPV6, "2a02:123:45:67bb::1", 80, 80));
        assertThat(httpIn.binds().get(1).transparent()).isTrue();
        assertThat(httpIn.binds().get(0).transparent()).isFalse();
    }

    @Test
    void sslBindsCarryTheCertificate() {
        Proxy https = proxy("https-in");
        assertThat(https.binds()).allSatisfy(b -> {
            assertThat(b.tls()).isPresent();
            assertThat(b.tls().orElseThrow().crts()).singleElement()
                    .satisfies(p -> assertThat(p.getFileName().toString()).isEqualTo("site.pem"));
        });
    }

    @Test
    void defaultsAndLogGlobalAreApplied() {
        Proxy httpIn = proxy("http-in");
        assertThat(httpIn.mode()).isEqualTo(Mode.HTTP);
        assertThat(httpIn.timeouts().connect()).contains(Duration.ofSeconds(5));
        assertThat(httpIn.timeouts().client()).contains(Duration.ofSeconds(30));
        assertThat(httpIn.log().targets()).singleElement()
                .satisfies(t -> assertThat(t.sink()).isEqualTo(new LogSink.UnixSocket("/dev/log")));
        assertThat(httpIn.log().formatKind()).isEqualTo(ProxyLog.LogFormatKind.HTTPLOG);
        assertThat(httpIn.forwardFor()).isPresent();
        assertThat(httpIn.defaultBackend()).contains("appserver");
    }

    @Test
    void backendHasThreeCheckedServersAndAnHttpCheck() {
        HaproxyConfig cfg = result.model().orElseThrow();
        Proxy app = cfg.backend("appserver").orElseThrow();
        assertThat(app.servers()).extracting(s -> s.name() + "=" + s.host() + ":" + s.port().orElseThrow() + " check=" + s.check().enabled())
                .containsExactly("app1=10.1.0.11:8080 check=true", "app2=10.2.0.11:8080 check=true",
                        "app3=10.3.0.11:8080 check=true");
        assertThat(app.healthCheck().orElseThrow().httpRequest().orElseThrow().uri()).isEqualTo("/health");
        assertThat(cfg.global().maxconn()).hasValue(20000);
        assertThat(cfg.frontends()).extracting(Proxy::name).containsExactly("http-in", "https-in");
    }

    private Proxy proxy(String name) {
        return result.model().orElseThrow().proxies().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
