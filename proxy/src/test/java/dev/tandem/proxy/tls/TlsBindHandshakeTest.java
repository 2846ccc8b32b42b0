package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.config.haproxy.model.SslDefaults;
import dev.tandem.config.haproxy.model.TlsVerify;
import dev.tandem.config.haproxy.model.TlsVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real handshakes on loopback against {@link TlsBind}, with curl and openssl s_client as the
 * clients; each rule cites configuration.txt §5.1 (bind options) or the RFC it follows.
 */
class TlsBindHandshakeTest {

    private static final List<String> HTTP1 = List.of("http/1.1");

    @TempDir
    static Path dir;
    static Pki pki;
    static Path defaultCrt;
    static Path aCrt;
    static Path wildCrt;
    static Path clientCrt;

    private final List<FactsServer> servers = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        pki = new Pki(dir);
        defaultCrt = pki.site("default.pem", "default.example.test", "default.example.test");
        aCrt = pki.site("a.pem", "a.example.test", "a.example.test");
        wildCrt = pki.site("wild.pem", "*.b.example.test", "*.b.example.test");
        clientCrt = pki.client("client.pem", "/C=FR/O=Tandem Test/CN=client one");
    }

    @AfterEach
    void stop() {
        servers.forEach(FactsServer::close);
    }

    static BindTls tls(List<Path> crts, List<String> alpn, TlsVersion min, TlsVersion max, Path ca, TlsVerify verify,
            boolean strict, boolean noTickets, String ciphers) {
        return new BindTls(crts, Optional.empty(), alpn, Optional.ofNullable(min), Optional.ofNullable(max),
                Optional.ofNullable(ciphers), Optional.empty(), Optional.empty(), Optional.ofNullable(ca), verify, strict,
                noTickets);
    }

    static BindTls plain(Path... crts) {
        return tls(List.of(crts), List.of(), null, null, null, TlsVerify.NONE, false, false, null);
    }

    private int start(BindTls tls, SslDefaults global, List<String> served, TlsEngine engine) throws Exception {
        TlsBind.Prepared p = TlsBind.prepare(tls, global, engine, served, Duration.ofSeconds(10), Clock.systemUTC());
        assertThat(p.diagnostics()).as("diagnostics").noneMatch(Diagnostic::isError);
        FactsServer s = new FactsServer(p.bind().orElseThrow());
        servers.add(s);
        return s.port();
    }

    private int start(BindTls tls) throws Exception {
        return start(tls, SslDefaults.NONE, HTTP1, TlsEngine.detect());
    }

    private int start(BindTls tls, String engine) throws Exception {
        return start(tls, SslDefaults.NONE, HTTP1, engine(engine));
    }

    /** The engine named by a test parameter; "boringssl" must really be BoringSSL here. */
    static TlsEngine engine(String name) {
        TlsEngine e = name.equals("jdk") ? TlsEngine.jdk() : TlsEngine.detect();
        assertThat(e.boringSsl()).as("BoringSSL loads on this machine").isEqualTo(name.equals("boringssl"));
        return e;
    }

    static Tool.Run sClient(int port, String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
        cmd.addAll(List.of(args));
        return Tool.run(cmd, "", 30);
    }

    static Tool.Run curl(int port, String host, String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--http1.1", "--max-time", "20", "--cacert",
                pki.caCert.toString(), "--resolve", host + ":" + port + ":127.0.0.1"));
        cmd.addAll(List.of(args));
        cmd.add("https://" + host + ":" + port + "/");
        return Tool.run(cmd, null, 30);
    }

    static String subject(Tool.Run r) {
        Matcher m = Pattern.compile("(?m)^subject=(.*)$").matcher(r.output());
        return m.find() ? m.group(1).strip() : "(no certificate) " + r.output();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boringssl", "jdk"})
    void curlSeesTheTlsFactsOfItsOwnConnection(String engine) throws Exception {
        int port = start(plain(defaultCrt, aCrt), SslDefaults.NONE, HTTP1, engine(engine));

        Tool.Run r = curl(port, "a.example.test");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("ssl_fc=1\n", "ssl_fc_sni=a.example.test\n", "ssl_fc_protocol=TLSv1.3\n",
                "ssl_fc_alpn=http/1.1\n", "ssl_c_used=0\n", "ssl_c_verify=0\n", "ssl_c_s_dn=-\n", "ft=fe~\n");
        assertThat(r.output()).containsPattern("ssl_fc_cipher=TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)\n");
    }

    @Test
    void tls10And11AreRefusedByDefaultBecauseSslMinVerIsTls12() throws Exception {
        int port = start(plain(defaultCrt));
        Tool.Run v11 = sClient(port, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        Tool.Run v10 = sClient(port, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0");
        Tool.Run v12 = sClient(port, "-tls1_2");

        assertThat(v11.exit()).as(v11.output()).isNotZero();
        assertThat(v10.exit()).as(v10.output()).isNotZero();
        assertThat(v12.output()).contains("New, TLSv1.2");
    }

    @Test
    void sslMinVerTls10LetsTls11Through() throws Exception {
        int port = start(tls(List.of(defaultCrt), List.of(), TlsVersion.TLSV10, null, null, TlsVerify.NONE, false,
                false, null));
        Tool.Run v11 = sClient(port, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        assertThat(v11.output()).containsPattern("Protocol +: TLSv1.1");
    }

    @Test
    void sslMaxVerTls12CapsTheNegotiatedVersion() throws Exception {
        int port = start(tls(List.of(defaultCrt), List.of(), null, TlsVersion.TLSV12, null, TlsVerify.NONE, false,
                false, null));
        assertThat(sClient(port, "-servername", "default.example.test").output()).contains("New, TLSv1.2");
    }

    @Test
    void globalSslDefaultBindOptionsSetTheMinimumVersion() throws Exception {
        SslDefaults global = new SslDefaults(Optional.empty(), Optional.empty(), List.of("ssl-min-ver", "TLSv1.3"),
                Optional.empty());
        int port = start(plain(defaultCrt), global, HTTP1, TlsEngine.detect());
        assertThat(sClient(port, "-tls1_2").exit()).isNotZero();
        assertThat(sClient(port, "-tls1_3").output()).contains("New, TLSv1.3");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boringssl", "jdk"})
    void sniSelectsTheCertificateByExactNameAndByWildcard(String engine) throws Exception {
        int port = start(plain(defaultCrt, aCrt, wildCrt), engine);
        assertThat(subject(sClient(port, "-servername", "a.example.test"))).isEqualTo("CN = a.example.test");
        assertThat(subject(sClient(port, "-servername", "x.b.example.test"))).isEqualTo("CN = *.b.example.test");
    }

    @Test
    void unknownOrMissingSniGetsTheFirstLoadedCertificate() throws Exception {
        int port = start(plain(defaultCrt, aCrt, wildCrt));
        assertThat(subject(sClient(port, "-servername", "nobody.example.test"))).isEqualTo("CN = default.example.test");
        assertThat(subject(sClient(port, "-servername", "y.x.b.example.test"))).isEqualTo("CN = default.example.test");
        assertThat(subject(sClient(port, "-noservername"))).isEqualTo("CN = default.example.test");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boringssl", "jdk"})
    void strictSniRefusesUnknownAndMissingNamesWithUnrecognizedName(String engine) throws Exception {
        int port = start(tls(List.of(defaultCrt, aCrt), List.of(), null, null, null, TlsVerify.NONE, true, false,
                null), engine);
        Tool.Run unknown = sClient(port, "-servername", "nobody.example.test");
        Tool.Run none = sClient(port, "-noservername");
        Tool.Run known = sClient(port, "-servername", "a.example.test");

        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("unrecognized name");
        assertThat(none.exit()).isNotZero();
        assertThat(subject(known)).isEqualTo("CN = a.example.test");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boringssl", "jdk"})
    void verifyRequiredRefusesAClientWithoutCertificateAndShowsTheSubjectOfOneWithIt(String engine) throws Exception {
        int port = start(tls(List.of(aCrt), List.of(), null, null, pki.caCert, TlsVerify.REQUIRED, false, false,
                null), engine);
        Tool.Run without = curl(port, "a.example.test");
        Tool.Run with = curl(port, "a.example.test", "--cert", clientCrt.toString());

        assertThat(without.exit()).as(without.output()).isNotZero();
        assertThat(with.exit()).as(with.output()).isZero();
        assertThat(with.output()).contains("ssl_c_used=1\n", "ssl_c_verify=0\n",
                "ssl_c_s_dn=/C=FR/O=Tandem Test/CN=client one\n", "ssl_c_s_dn(cn)=client one\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boringssl", "jdk"})
    void verifyOptionalAcceptsClientsWithAndWithoutCertificate(String engine) throws Exception {
        int port = start(tls(List.of(aCrt), List.of(), null, null, pki.caCert, TlsVerify.OPTIONAL, false, false,
                null), engine);
        Tool.Run without = curl(port, "a.example.test");
        Tool.Run with = curl(port, "a.example.test", "--cert", clientCrt.toString());

        assertThat(without.output()).contains("ssl_c_used=0\n");
        assertThat(with.output()).contains("ssl_c_used=1\n", "ssl_c_s_dn(cn)=client one\n");
    }

    @Test
    void verifyRequiredRefusesACertificateFromAnotherCa() throws Exception {
        Pki other = new Pki(Files.createDirectories(dir.resolve("other-ca")));
        Path stranger = other.client("stranger.pem", "/CN=stranger");
        int port = start(tls(List.of(aCrt), List.of(), null, null, pki.caCert, TlsVerify.REQUIRED, false, false,
                null));
        assertThat(curl(port, "a.example.test", "--cert", stranger.toString()).exit()).isNotZero();
    }

    @Test
    void alpnOffersOnlyWhatThePipelineServes() throws Exception {
        int http1Only = start(plain(aCrt), SslDefaults.NONE, HTTP1, TlsEngine.detect());
        int both = start(plain(aCrt), SslDefaults.NONE, List.of("h2", "http/1.1"), TlsEngine.detect());

        assertThat(sClient(http1Only, "-alpn", "h2,http/1.1").output()).contains("ALPN protocol: http/1.1");
        assertThat(sClient(http1Only, "-alpn", "h2").output()).contains("No ALPN negotiated");
        assertThat(sClient(both, "-alpn", "h2,http/1.1").output()).contains("ALPN protocol: h2");
    }

    @Test
    void explicitAlpnOnTheBindOrdersTheServerPreference() throws Exception {
        int port = start(tls(List.of(aCrt), List.of("http/1.1", "h2"), null, null, null, TlsVerify.NONE, false, false,
                null), SslDefaults.NONE, List.of("h2", "http/1.1"), TlsEngine.detect());
        assertThat(sClient(port, "-alpn", "h2,http/1.1").output()).contains("ALPN protocol: http/1.1");
    }

    @Test
    void crtListAlpnAppliesToItsCertificateOnly() throws Exception {
        Path list = Files.writeString(dir.resolve("alpn.list"), defaultCrt + "\n" + aCrt + " [alpn http/1.1]\n");
        BindTls tls = new BindTls(List.of(), Optional.of(list), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), TlsVerify.NONE, false, false);
        int port = start(tls, SslDefaults.NONE, List.of("h2", "http/1.1"), TlsEngine.detect());

        assertThat(sClient(port, "-servername", "a.example.test", "-alpn", "h2,http/1.1").output())
                .contains("ALPN protocol: http/1.1");
        assertThat(sClient(port, "-servername", "default.example.test", "-alpn", "h2,http/1.1").output())
                .contains("ALPN protocol: h2");
    }

    @Test
    void ticketsAreIssuedUnlessNoTlsTickets() throws Exception {
        int with = start(plain(aCrt));
        int without = start(tls(List.of(aCrt), List.of(), null, null, null, TlsVerify.NONE, false, true, null));
        assertThat(sClient(with, "-tls1_2").output()).contains("TLS session ticket lifetime hint");
        assertThat(sClient(without, "-tls1_2").output()).doesNotContain("TLS session ticket lifetime hint");
    }

    @Test
    void aClientThatNeverSendsItsHelloIsClosedAfterTheHandshakeTimeout() throws Exception {
        TlsBind.Prepared p = TlsBind.prepare(plain(aCrt), SslDefaults.NONE, TlsEngine.detect(), HTTP1,
                Duration.ofMillis(300), Clock.systemUTC());
        FactsServer s = new FactsServer(p.bind().orElseThrow());
        servers.add(s);
        try (java.net.Socket silent = new java.net.Socket("127.0.0.1", s.port())) {
            silent.setSoTimeout(20_000); // a bound on the test, not the rule under test
            assertThat(silent.getInputStream().read()).as("closed by the server without a byte").isEqualTo(-1);
        }
    }

    @Test
    void clearTextHttpOnAnSslBindGetsNoHttpAnswer() throws Exception {
        int port = start(plain(aCrt));
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", port)) {
            plain.setSoTimeout(20_000);
            plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            byte[] answer = plain.getInputStream().readAllBytes();
            assertThat(new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
        }
    }

    @Test
    void aSavedSessionIsResumed() throws Exception {
        int port = start(plain(aCrt));
        Path session = dir.resolve("session-" + port);
        Tool.Run first = sClient(port, "-tls1_2", "-sess_out", session.toString());
        Tool.Run second = sClient(port, "-tls1_2", "-sess_in", session.toString());
        assertThat(first.output()).contains("New, TLSv1.2");
        assertThat(second.output()).contains("Reused, TLSv1.2");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boringssl", "jdk"})
    void bindCiphersChooseTheTls12SuiteAndTheFetchShowsItsOpenSslName(String engine) throws Exception {
        int port = start(tls(List.of(aCrt), List.of(), null, TlsVersion.TLSV12, null, TlsVerify.NONE, false, false,
                "ECDHE-ECDSA-AES256-GCM-SHA384"), engine);
        assertThat(sClient(port, "-servername", "a.example.test").output())
                .contains("Cipher is ECDHE-ECDSA-AES256-GCM-SHA384");
        assertThat(curl(port, "a.example.test").output()).contains("ssl_fc_cipher=ECDHE-ECDSA-AES256-GCM-SHA384\n",
                "ssl_fc_protocol=TLSv1.2\n");
    }
}
