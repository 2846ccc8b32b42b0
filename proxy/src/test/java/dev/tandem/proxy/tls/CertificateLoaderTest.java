package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.config.haproxy.model.TlsVerify;
import dev.tandem.config.haproxy.model.TlsVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crt / crt-list loading as configuration.txt §5.1 "crt" and "crt-list" describe it. */
class CertificateLoaderTest {

    /** A day after the test certificates were made (they are valid ten years from now). */
    private static final Clock NOW = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);

    @TempDir
    static Path dir;
    static Pki pki;

    @BeforeAll
    static void pki() {
        pki = new Pki(dir);
    }

    private static CertificateLoader.Loaded load(List<Path> crts, Path crtList) {
        BindTls tls = new BindTls(crts, Optional.ofNullable(crtList), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), TlsVerify.NONE, false, false);
        return new CertificateLoader(NOW).load(tls);
    }

    private static CertificateLoader.Loaded load(Path... crts) {
        return load(List.of(crts), null);
    }

    @Test
    void keyFirstFileLoadsWithTheLeafFirstInTheChain() {
        Path k = pki.key("keyfirst", Pki.KeyKind.EC_PKCS8);
        Path c = pki.cert("keyfirst", k, "/CN=keyfirst.example.test", List.of("keyfirst.example.test"), false);
        CertificateLoader.Loaded loaded = load(pki.combined("keyfirst.pem", true, c, k));

        assertThat(loaded.diagnostics()).isEmpty();
        SiteCertificate cert = loaded.certificates().get(0);
        assertThat(cert.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=keyfirst.example.test");
        assertThat(cert.chain()).hasSize(2);
        assertThat(cert.chain().get(1).getSubjectX500Principal().getName()).contains("CN=Tandem Test CA");
    }

    @Test
    void rsaPkcs1AndEcSec1AndPkcs8KeysAllLoad() {
        for (Pki.KeyKind kind : Pki.KeyKind.values()) {
            Path k = pki.key("kind-" + kind, kind);
            Path c = pki.cert("kind-" + kind, k, "/CN=" + kind, List.of(), false);
            CertificateLoader.Loaded loaded = load(pki.combined("kind-" + kind + ".pem", false, c, k));
            assertThat(loaded.diagnostics()).as(kind.name()).isEmpty();
            assertThat(loaded.certificates()).as(kind.name()).hasSize(1);
        }
        assertThat(Pki.read(dir.resolve("kind-RSA_PKCS1.key1"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Pki.read(dir.resolve("kind-EC_SEC1.key1"))).contains("BEGIN EC PRIVATE KEY");
    }

    @Test
    void namesComeFromSanDnsNamesThenCn() {
        CertificateLoader.Loaded loaded = load(pki.site("names.pem", "Main.Example.Test", "www.example.test",
                "*.api.example.test"));
        assertThat(loaded.certificates().get(0).names())
                .containsExactly("www.example.test", "*.api.example.test", "main.example.test");
    }

    @Test
    void directoryLoadsInAlphabeticalOrderSkippingCompanionsAndDotFiles() throws Exception {
        Path d = Files.createDirectories(dir.resolve("certs"));
        Files.copy(pki.site("b-site.pem", "b.example.test"), d.resolve("b.pem"));
        Files.copy(pki.site("a-site.pem", "a.example.test"), d.resolve("a.pem"));
        Files.writeString(d.resolve("a.pem.ocsp"), "not a certificate");
        Files.writeString(d.resolve("a.pem.issuer"), "not a certificate");
        Files.writeString(d.resolve("a.pem.sctl"), "not a certificate");
        Files.writeString(d.resolve(".hidden"), "not a certificate");
        // a certificate-only file whose key sits beside it as <name>.key
        Path k = pki.key("c-split", Pki.KeyKind.EC_SEC1);
        Path c = pki.cert("c-split", k, "/CN=c.example.test", List.of(), false);
        Files.copy(c, d.resolve("c.pem"));
        Files.copy(k, d.resolve("c.pem.key"));

        CertificateLoader.Loaded loaded = load(d);

        assertThat(loaded.diagnostics()).isEmpty();
        assertThat(loaded.certificates()).extracting(s -> s.names().get(0))
                .containsExactly("a.example.test", "b.example.test", "c.example.test");
    }

    @Test
    void missingFileIsAnErrorNamingTheFile() {
        Path missing = dir.resolve("nope.pem");
        CertificateLoader.Loaded loaded = load(missing);
        assertThat(loaded.certificates()).isEmpty();
        assertThat(loaded.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.file()).isEqualTo(missing.toString());
            assertThat(d.message()).contains("'" + missing + "'").contains("no such file");
        });
    }

    @Test
    void crtListEntryThatIsADirectoryIsAnError() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("not-a-file"));
        Path list = Files.writeString(dir.resolve("dir.list"), sub + "\n");
        assertThat(load(List.of(), list).diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("not-a-file").contains("is a directory"));
    }

    @Test
    void garbageFileIsNotPem() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "this is not a certificate\n");
        assertThat(load(junk).diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("junk.pem").contains("not a PEM file"));
    }

    @Test
    void certificateWithoutKeyNamesTheKeyFileTried() {
        Path k = pki.key("nokey", Pki.KeyKind.EC_PKCS8);
        Path c = pki.cert("nokey", k, "/CN=nokey", List.of(), false);
        assertThat(load(c).diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).contains("nokey.crt").contains("no private key").contains("nokey.crt.key");
        });
    }

    @Test
    void keyOfAnotherCertificateIsAMismatch() {
        Path k1 = pki.key("mm1", Pki.KeyKind.EC_PKCS8);
        Path k2 = pki.key("mm2", Pki.KeyKind.EC_PKCS8);
        Path c1 = pki.cert("mm1", k1, "/CN=mm1", List.of(), false);
        Path mixed = pki.combined("mismatch.pem", false, c1, k2);
        assertThat(load(mixed).diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).contains("mismatch.pem").contains("does not match the certificate");
        });
    }

    @Test
    void expiredCertificateIsAWarningAndStillLoads() {
        Path old = pki.expired("old.pem", "old.example.test");
        CertificateLoader.Loaded loaded = load(old);
        assertThat(loaded.certificates()).hasSize(1);
        assertThat(loaded.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.message()).contains("old.pem").contains("expired on 2020-02-01");
        });
    }

    @Test
    void crtListAppliesOptionsAndFiltersAndReportsBadLinesByListLine() throws Exception {
        Path a = pki.site("list-a.pem", "a.example.test");
        Path b = pki.site("list-b.pem", "b.example.test");
        Path list = Files.writeString(dir.resolve("list.txt"), """
                # default first
                %s [alpn http/1.1 ssl-min-ver TLSv1.3 verify optional ca-file %s] *.example.test !secret.example.test
                %s
                %s
                """.formatted(a, pki.caCert, b, dir.resolve("gone.pem")));

        CertificateLoader.Loaded loaded = load(List.of(), list);

        assertThat(loaded.certificates()).hasSize(2);
        SiteCertificate first = loaded.certificates().get(0);
        assertThat(first.names()).containsExactly("*.example.test");
        assertThat(first.excluded()).containsExactly("secret.example.test");
        assertThat(first.options().alpn()).contains(List.of("http/1.1"));
        assertThat(first.options().minVersion()).contains(TlsVersion.TLSV13);
        assertThat(first.options().verify()).contains(TlsVerify.OPTIONAL);
        assertThat(loaded.certificates().get(1).names()).containsExactly("b.example.test");
        assertThat(loaded.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d).extracting(Diagnostic::file, Diagnostic::line).containsExactly(list.toString(), 4);
            assertThat(d.message()).contains("gone.pem").contains("no such file");
        });
    }
}
