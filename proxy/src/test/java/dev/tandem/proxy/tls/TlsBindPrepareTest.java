package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.config.haproxy.model.SslDefaults;
import dev.tandem.config.haproxy.model.TlsVerify;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link TlsBind#prepare} says about a bind it cannot (fully) honour; it never throws. */
class TlsBindPrepareTest {

    @TempDir
    static Path dir;
    static Pki pki;
    static Path site;

    @BeforeAll
    static void certificates() {
        pki = new Pki(dir);
        site = pki.site("site.pem", "site.example.test", "site.example.test");
    }

    private static BindTls tls(Path ca, TlsVerify verify, String ciphers, String ciphersuites, String curves) {
        return new BindTls(List.of(site), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.ofNullable(ciphers), Optional.ofNullable(ciphersuites), Optional.ofNullable(curves),
                Optional.ofNullable(ca), verify, false, false);
    }

    private static TlsBind.Prepared prepare(BindTls tls, TlsEngine engine) {
        return TlsBind.prepare(tls, SslDefaults.NONE, engine, List.of("http/1.1"), Duration.ofSeconds(5),
                Clock.systemUTC());
    }

    @Test
    void oneContextPerCertificateBuiltOnce() {
        Path other = pki.site("other.pem", "other.example.test", "other.example.test");
        BindTls two = new BindTls(List.of(site, other), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), TlsVerify.NONE, false, false);
        TlsBind bind = prepare(two, TlsEngine.detect()).bind().orElseThrow();
        assertThat(bind.contexts()).hasSize(2);
        assertThat(bind.sniTable().select("other.example.test")).containsSame(bind.contexts().get(1));
        assertThat(bind.sniTable().select(null)).containsSame(bind.contexts().get(0));
        bind.close();
    }

    @Test
    void verifyRequiredWithoutCaFileIsAnError() {
        TlsBind.Prepared p = prepare(tls(null, TlsVerify.REQUIRED, null, null, null), TlsEngine.detect());
        assertThat(p.bind()).isEmpty();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).contains("verify required").contains("ca-file");
        });
    }

    @Test
    void missingCaFileIsAnErrorNamingIt() {
        Path missing = dir.resolve("no-ca.pem");
        TlsBind.Prepared p = prepare(tls(missing, TlsVerify.OPTIONAL, null, null, null), TlsEngine.detect());
        assertThat(p.bind()).isEmpty();
        assertThat(p.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("no-ca.pem").contains("no such file"));
    }

    @Test
    void badCertificateGivesNoBindAndTheLoaderDiagnostic() {
        BindTls missing = new BindTls(List.of(dir.resolve("gone.pem")), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), TlsVerify.NONE,
                false, false);
        TlsBind.Prepared p = prepare(missing, TlsEngine.detect());
        assertThat(p.bind()).isEmpty();
        assertThat(p.diagnostics()).extracting(Diagnostic::message).singleElement().asString().contains("gone.pem");
    }

    @Test
    void cipherExpressionWordsAreReportedAndTheEngineDefaultKept() {
        TlsBind.Prepared p = prepare(tls(null, TlsVerify.NONE, "HIGH:!aNULL", null, null), TlsEngine.detect());
        assertThat(p.bind()).isPresent();
        assertThat(p.diagnostics()).extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("'HIGH'"))
                .anySatisfy(m -> assertThat(m).contains("'!aNULL'"))
                .anySatisfy(m -> assertThat(m).contains("no usable cipher"));
        assertThat(p.diagnostics()).allMatch(d -> d.severity() == Severity.WARNING);
        p.bind().get().close();
    }

    @Test
    void ciphersuitesAreAWarningOnBoringSslWhoseTls13SuitesAreFixed() {
        TlsBind.Prepared p = prepare(tls(null, TlsVerify.NONE, null, "TLS_AES_256_GCM_SHA384", null),
                TlsEngine.detect());
        assertThat(p.bind()).isPresent();
        assertThat(p.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("ciphersuites").contains("BoringSSL"));
        p.bind().get().close();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"boringssl", "jdk"})
    void ciphersuitesAloneKeepTheDefaultTls12Ciphers(String engine) {
        TlsBind.Prepared p = prepare(tls(null, TlsVerify.NONE, null, "TLS_AES_256_GCM_SHA384", null),
                TlsBindHandshakeTest.engine(engine));
        List<String> suites = p.bind().orElseThrow().contexts().get(0).cipherSuites();
        assertThat(suites).anyMatch(c -> c.contains("ECDHE") && c.contains("GCM"));
        assertThat(suites).anyMatch(c -> c.contains("TLS_AES_256_GCM_SHA384"));
        p.bind().get().close();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"boringssl", "jdk"})
    void ciphersAloneKeepTheTls13Suites(String engine) {
        TlsBind.Prepared p = prepare(tls(null, TlsVerify.NONE, "ECDHE-ECDSA-AES128-GCM-SHA256", null, null),
                TlsBindHandshakeTest.engine(engine));
        assertThat(p.diagnostics()).isEmpty();
        List<String> suites = p.bind().orElseThrow().contexts().get(0).cipherSuites();
        assertThat(suites).contains("TLS_AES_128_GCM_SHA256");
        assertThat(suites).filteredOn(c -> !c.startsWith("TLS_AES_") && !c.startsWith("TLS_CHACHA20_"))
                .containsExactly(engine.equals("jdk") ? "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
                        : "ECDHE-ECDSA-AES128-GCM-SHA256"); // each engine lists names in its own spelling
        p.bind().get().close();
    }

    @Test
    void jdkEngineTakesCiphersuitesButNotCurves() {
        TlsBind.Prepared p = prepare(tls(null, TlsVerify.NONE, "ECDHE-ECDSA-AES128-GCM-SHA256",
                "TLS_AES_256_GCM_SHA384", "X25519"), TlsEngine.jdk());
        assertThat(p.bind()).isPresent();
        assertThat(p.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("curves X25519").contains("JDK"));
    }

    @Test
    void curvesAreAcceptedByBoringSsl() {
        TlsBind.Prepared p = prepare(tls(null, TlsVerify.NONE, null, null, "X25519:P-256"), TlsEngine.detect());
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.bind()).isPresent();
        p.bind().get().close();
    }
}
