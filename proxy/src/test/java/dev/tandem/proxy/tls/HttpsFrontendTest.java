package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RecordedRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bind ... ssl} on the running proxy, configured through haproxy.cfg and driven by curl and
 * openssl s_client (configuration.txt §5.1 bind options, §7.3.4 ssl_* fetches, §8.2.6 %ft/%sslv/%sslc).
 */
class HttpsFrontendTest {

    @TempDir
    static Path dir;
    static Pki pki;
    static Path defaultCrt;
    static Path aCrt;
    static Path certDir;
    static Path crtList;
    static Path clientCrt;
    static Path strangerCrt;

    @TempDir
    Path cfgDir;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** Facts of the client connection as the fetches render them, ';'-separated (absent ones empty). */
    static final String FACTS = "ssl_fc=%[ssl_fc];sni=%[ssl_fc_sni];has_sni=%[ssl_fc_has_sni];"
            + "proto=%[ssl_fc_protocol];cipher=%[ssl_fc_cipher];alpn=%[ssl_fc_alpn];c_used=%[ssl_c_used];"
            + "c_verify=%[ssl_c_verify];c_dn=%[ssl_c_s_dn];c_cn=%[ssl_c_s_dn(cn)];ft=%ft;f=%f;sslv=%sslv;sslc=%sslc;";

    @BeforeAll
    static void certificates() throws Exception {
        pki = new Pki(dir);
        defaultCrt = pki.site("default.pem", "default.example.test", "default.example.test");
        aCrt = pki.site("a.pem", "a.example.test", "a.example.test");
        certDir = Files.createDirectories(dir.resolve("certs"));
        Files.copy(pki.site("b.pem", "b.example.test", "b.example.test"), certDir.resolve("1-b.pem"));
        Files.copy(pki.site("c.pem", "c.example.test", "c.example.test"), certDir.resolve("2-c.pem"));
        crtList = dir.resolve("list.txt");
        Files.writeString(crtList, defaultCrt + "\n" + aCrt + " [alpn http/1.1] a.example.test alias.example.test\n");
        clientCrt = pki.client("client.pem", "/C=FR/O=Tandem Test/CN=client one");
        strangerCrt = new Pki(Files.createDirectories(dir.resolve("other-ca"))).client("stranger.pem",
                "/CN=stranger");
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

    private static String header(String log) {
        return """
                global
                    log %s local0
                defaults
                    mode http
                    log global
                    timeout connect 5s
                    timeout client 10s
                    timeout server 10s
                """.formatted(log);
    }

    /** One frontend answering its TLS facts itself, with the given bind options. */
    private int factsFrontend(String bindOptions, String engine) throws Exception {
        int port = ConfigProxy.freePort();
        keep(ConfigProxy.start(cfgDir, header("127.0.0.1:9") + """
                frontend fe
                    bind 127.0.0.1:%d ssl %s
                    http-request return status 200 content-type text/plain lf-string "%s"
                """.formatted(port, bindOptions, FACTS), engine));
        return port;
    }

    static Tool.Run curl(int port, String host, String path, String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--http1.1", "--max-time", "20", "--cacert",
                pki.caCert.toString(), "--resolve", host + ":" + port + ":127.0.0.1"));
        cmd.addAll(List.of(args));
        cmd.add("https://" + host + ":" + port + path);
        return Tool.run(cmd, null, 30);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boringssl", "jdk"})
    void curlThroughTheProxySeesTheFactsOfItsConnectionAndTheLogMarksTls(String engine) throws Exception {
        try (SyslogReceiver syslog = new SyslogReceiver()) {
            int port = ConfigProxy.freePort();
            ProxyServer proxy = keep(ConfigProxy.start(cfgDir, header(syslog.address()) + """
                    frontend fe
                        bind 127.0.0.1:%d ssl crt %s crt %s
                        log-format "%%ft %%f %%sslv %%sslc %%[ssl_fc_sni] %%ST %%Th"
                        http-request return status 200 content-type text/plain lf-string "%s"
                    """.formatted(port, defaultCrt, aCrt, FACTS), engine));
            assertThat(proxy.warnings()).isEmpty();

            Tool.Run r = curl(port, "a.example.test", "/");

            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(r.output()).contains("ssl_fc=1;", "sni=a.example.test;", "has_sni=1;", "proto=TLSv1.3;",
                    "alpn=http/1.1;", "c_used=0;", "c_verify=0;", "c_dn=;", "ft=fe~;", "f=fe;", "sslv=TLSv1.3;")
                    .containsPattern("cipher=TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256);")
                    .containsPattern("sslc=TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256);");
            // configuration.txt §8.2.6: %ft carries '~' on a TLS connection, %f never does
            assertThat(syslog.next()).containsPattern(": fe~ fe TLSv1\\.3 TLS_\\S+ a\\.example\\.test 200 \\d+$");
        }
    }

    @Test
    void clearTextBindRedirectsToHttpsAndTheTlsBindTellsTheServerItWasHttps() throws Exception {
        try (HttpBackend app = HttpBackend.start()) {
            int tls = ConfigProxy.freePort();
            int clear = ConfigProxy.freePort();
            keep(ConfigProxy.start(cfgDir, header("127.0.0.1:9") + """
                    frontend fe
                        bind 127.0.0.1:%d
                        bind 127.0.0.1:%d ssl crt %s
                        option forwardfor
                        http-request set-header X-Forwarded-Proto https if { ssl_fc }
                        http-request set-header X-Real-IP %%[src]
                        redirect scheme https if !{ ssl_fc }
                        default_backend app
                    backend app
                        server s1 127.0.0.1:%d
                    """.formatted(clear, tls, aCrt, app.port())));

            Tool.Run redirect = Tool.run(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                    "http://127.0.0.1:" + clear + "/shop?x=1"), null, 30);
            Tool.Run ok = curl(tls, "a.example.test", "/shop", "-H", "X-Forwarded-Proto: forged");

            // haproxy.md §2 (redirect scheme https): 302 by default, Host and path kept
            assertThat(redirect.output()).isEqualTo("302 https://127.0.0.1:" + clear + "/shop?x=1");
            assertThat(ok.exit()).as(ok.output()).isZero();
            RecordedRequest seen = app.take();
            assertThat(seen.headers("X-Forwarded-Proto")).containsExactly("https");
            assertThat(seen.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
            assertThat(seen.header("X-Real-IP")).isEqualTo("127.0.0.1");
            assertThat(app.pending()).as("the redirected request never reached the server").isZero();
        }
    }

    @Test
    void tls10And11AreRefusedByDefaultAndTls12Accepted() throws Exception {
        int port = factsFrontend("crt " + aCrt, "boringssl");
        Tool.Run v10 = TlsBindHandshakeTest.sClient(port, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0");
        Tool.Run v11 = TlsBindHandshakeTest.sClient(port, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        Tool.Run v12 = TlsBindHandshakeTest.sClient(port, "-tls1_2");

        assertThat(v10.exit()).as(v10.output()).isNotZero();
        assertThat(v11.exit()).as(v11.output()).isNotZero();
        assertThat(v11.output()).contains("alert protocol version");
        assertThat(v12.output()).contains("New, TLSv1.2");
    }

    @Test
    void globalCiphersAndBindMaxVersionAndCurvesReachTheListener() throws Exception {
        int port = ConfigProxy.freePort();
        ProxyServer proxy = keep(ConfigProxy.start(cfgDir, """
                global
                    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 10s
                    timeout server 10s
                frontend fe
                    bind 127.0.0.1:%d ssl crt %s ssl-max-ver TLSv1.2 curves P-384
                    http-request return status 200 content-type text/plain lf-string "%s"
                """.formatted(port, aCrt, FACTS)));
        assertThat(proxy.warnings()).isEmpty();

        // the certificate's own curve (P-256) must be in the client's list too for a TLS 1.2 ECDSA certificate
        Tool.Run v12 = TlsBindHandshakeTest.sClient(port, "-groups", "P-384:P-256");
        Tool.Run wrongCurve = TlsBindHandshakeTest.sClient(port, "-groups", "X25519:P-256");

        assertThat(v12.output()).contains("New, TLSv1.2, Cipher is ECDHE-ECDSA-AES128-GCM-SHA256")
                .containsPattern("Server Temp Key: ECDH, (P-384|secp384r1)");
        assertThat(wrongCurve.exit()).as("curves P-384 only: " + wrongCurve.output()).isNotZero();
    }

    @Test
    void alpnOffersWhatThePipelineServesAndAnExplicitListIsCutToIt() throws Exception {
        int listed = factsFrontend("crt " + aCrt + " alpn h2,http/1.1,spdy/3", "boringssl");
        int unlisted = factsFrontend("crt " + aCrt, "boringssl");
        int h1Only = factsFrontend("crt " + aCrt + " alpn h2,http/1.1 proto h1", "boringssl");

        assertThat(TlsBindHandshakeTest.sClient(listed, "-alpn", "spdy/3").output()).contains("No ALPN negotiated");
        assertThat(curl(listed, "a.example.test", "/", "--http2", "-w", " version=%{http_version}").output())
                .contains("alpn=h2;").endsWith(" version=2");
        // haproxy >= 2.8 offers its default ALPN on an ssl bind without 'alpn' (docs/DIFFERENCES.md)
        assertThat(curl(unlisted, "a.example.test", "/", "--http2").output()).contains("alpn=h2;");
        assertThat(curl(unlisted, "a.example.test", "/", "--http1.1").output()).contains("alpn=http/1.1;");
        // configuration.txt §5.1 "proto": h1 serves HTTP/1.1 only, so ALPN never selects h2 there
        assertThat(curl(h1Only, "a.example.test", "/", "--http2", "-w", " version=%{http_version}").output())
                .contains("alpn=http/1.1;").endsWith(" version=1.1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boringssl", "jdk"})
    void ciphersuitesSelectTheTls13SuiteOnTheJdkAndAreAWarningOnBoringSsl(String engine) throws Exception {
        int port = ConfigProxy.freePort();
        ProxyServer proxy = keep(ConfigProxy.start(cfgDir, header("127.0.0.1:9") + """
                frontend fe
                    bind 127.0.0.1:%d ssl crt %s ciphersuites TLS_CHACHA20_POLY1305_SHA256
                    http-request return status 200 content-type text/plain lf-string "%s"
                """.formatted(port, aCrt, FACTS), engine));

        Tool.Run r = curl(port, "a.example.test", "/", "--tls13-ciphers",
                "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256");

        if (engine.equals("jdk")) {
            assertThat(proxy.warnings()).isEmpty();
            assertThat(r.output()).contains("cipher=TLS_CHACHA20_POLY1305_SHA256;");
        } else {
            assertThat(proxy.warnings()).singleElement().asString().contains("warning: 'ciphersuites "
                    + "TLS_CHACHA20_POLY1305_SHA256'");
            assertThat(r.output()).contains("ssl_fc=1;");
        }
    }

    @Test
    void sslMinVerOnTheBindRefusesOlderVersions() throws Exception {
        int port = factsFrontend("crt " + aCrt + " ssl-min-ver TLSv1.3", "boringssl");
        assertThat(TlsBindHandshakeTest.sClient(port, "-tls1_2").exit()).isNotZero();
        assertThat(TlsBindHandshakeTest.sClient(port, "-tls1_3").output()).contains("New, TLSv1.3");
    }

    @Test
    void sniPicksTheCertificateFromADirectoryAndFromACrtList() throws Exception {
        int fromDir = factsFrontend("crt " + certDir, "boringssl");
        int fromList = factsFrontend("crt-list " + crtList, "boringssl");

        assertThat(TlsBindHandshakeTest.subject(TlsBindHandshakeTest.sClient(fromDir, "-servername", "c.example.test")))
                .isEqualTo("CN = c.example.test");
        assertThat(TlsBindHandshakeTest.subject(TlsBindHandshakeTest.sClient(fromDir, "-servername", "x.example.test")))
                .as("the first file of the directory is the default").isEqualTo("CN = b.example.test");
        assertThat(TlsBindHandshakeTest.subject(TlsBindHandshakeTest.sClient(fromList, "-servername",
                "alias.example.test"))).as("crt-list SNI filter").isEqualTo("CN = a.example.test");
        assertThat(TlsBindHandshakeTest.subject(TlsBindHandshakeTest.sClient(fromList, "-servername",
                "nothing.example.test"))).isEqualTo("CN = default.example.test");
        // the certificate does not name the alias (the crt-list line does): curl is told not to check
        assertThat(curl(fromList, "alias.example.test", "/", "--insecure").output())
                .contains("sni=alias.example.test;");
    }

    @Test
    void strictSniRefusesAnUnknownNameAndServesAKnownOne() throws Exception {
        int port = factsFrontend("crt " + aCrt + " strict-sni", "boringssl");

        assertThat(TlsBindHandshakeTest.sClient(port, "-servername", "nope.example.test").output())
                .contains("unrecognized name");
        assertThat(TlsBindHandshakeTest.sClient(port, "-noservername").output()).contains("unrecognized name");
        assertThat(curl(port, "a.example.test", "/").output()).contains("ssl_fc=1;", "sni=a.example.test;");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boringssl", "jdk"})
    void verifyRequiredWantsAClientCertificateFromTheCaAndShowsItsSubject(String engine) throws Exception {
        int port = factsFrontend("crt " + aCrt + " ca-file " + pki.caCert + " verify required", engine);

        Tool.Run without = curl(port, "a.example.test", "/");
        Tool.Run stranger = curl(port, "a.example.test", "/", "--cert", strangerCrt.toString());
        Tool.Run with = curl(port, "a.example.test", "/", "--cert", clientCrt.toString());

        assertThat(without.exit()).as(without.output()).isNotZero();
        assertThat(without.output()).doesNotContain("ssl_fc=");
        assertThat(stranger.exit()).as(stranger.output()).isNotZero();
        assertThat(with.exit()).as(with.output()).isZero();
        assertThat(with.output()).contains("c_used=1;", "c_verify=0;", "c_dn=/C=FR/O=Tandem Test/CN=client one;",
                "c_cn=client one;");
    }

    @Test
    void verifyOptionalServesClientsWithAndWithoutCertificate() throws Exception {
        int port = ConfigProxy.freePort();
        keep(ConfigProxy.start(cfgDir, header("127.0.0.1:9") + """
                frontend fe
                    bind 127.0.0.1:%d ssl crt %s ca-file %s verify optional
                    http-request deny deny_status 403 if { ssl_c_used } !{ ssl_c_verify 0 }
                    http-request return status 200 content-type text/plain lf-string "%s"
                """.formatted(port, aCrt, pki.caCert, FACTS)));

        assertThat(curl(port, "a.example.test", "/").output()).contains("c_used=0;", "c_verify=0;", "c_dn=;", "c_cn=;");
        assertThat(curl(port, "a.example.test", "/", "--cert", clientCrt.toString()).output())
                .contains("c_used=1;", "c_cn=client one;");
    }

    @Test
    void sessionsAreResumedWithTicketsAndWithTheSessionCache() throws Exception {
        int tickets = factsFrontend("crt " + aCrt, "boringssl");
        int cache = factsFrontend("crt " + aCrt + " no-tls-tickets", "boringssl");
        for (int port : List.of(tickets, cache)) {
            Path session = dir.resolve("session-" + port);
            Tool.Run first = TlsBindHandshakeTest.sClient(port, "-tls1_2", "-sess_out", session.toString());
            Tool.Run second = TlsBindHandshakeTest.sClient(port, "-tls1_2", "-sess_in", session.toString());
            assertThat(first.output()).contains("New, TLSv1.2");
            assertThat(second.output()).as("port %d", port).contains("Reused, TLSv1.2");
        }
        // TLS 1.3: BoringSSL sends its tickets with the first response, so the client asks for something
        Path session = dir.resolve("session13");
        List<String> cmd = List.of("openssl", "s_client", "-connect", "127.0.0.1:" + tickets, "-ign_eof",
                "-sess_out", session.toString());
        Tool.Run first = Tool.run(cmd, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 30);
        Tool.Run second = TlsBindHandshakeTest.sClient(tickets, "-sess_in", session.toString());
        assertThat(first.output()).contains("New, TLSv1.3", "ssl_fc=1;");
        assertThat(second.output()).contains("Reused, TLSv1.3");
    }

    @Test
    void theProxyProtocolHeaderComesBeforeTheTlsHello() throws Exception {
        try (HttpBackend app = HttpBackend.start(); SyslogReceiver syslog = new SyslogReceiver()) {
            int port = ConfigProxy.freePort();
            keep(ConfigProxy.start(cfgDir, header(syslog.address()) + """
                    frontend fe
                        bind 127.0.0.1:%d accept-proxy ssl crt %s
                        option httplog
                        option forwardfor
                        http-request add-header X-Real-IP %%[src]
                        default_backend app
                    backend app
                        server s1 127.0.0.1:%d
                    """.formatted(port, aCrt, app.port())));

            String answer = proxiedTlsRequest(port, "PROXY TCP4 203.0.113.9 127.0.0.1 5555 443\r\n");

            assertThat(answer).startsWith("HTTP/1.1 200");
            RecordedRequest seen = app.take();
            assertThat(seen.header("X-Forwarded-For")).isEqualTo("203.0.113.9");
            assertThat(seen.header("X-Real-IP")).isEqualTo("203.0.113.9");
            assertThat(syslog.next()).contains(": 203.0.113.9:5555 [").contains("] fe~ app/s1 ");
        }
    }

    /** The JDK's TLS client over a socket that first carried a PROXY header in clear text. */
    private static String proxiedTlsRequest(int port, String proxyHeader) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pki.caCert)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write(proxyHeader.getBytes(StandardCharsets.US_ASCII));
            raw.getOutputStream().flush();
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "a.example.test", port, true)) {
                SSLParameters params = tls.getSSLParameters();
                params.setServerNames(List.of(new SNIHostName("a.example.test")));
                tls.setSSLParameters(params);
                OutputStream out = tls.getOutputStream();
                out.write("GET /p HTTP/1.1\r\nHost: a.example.test\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return new String(tls.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Test
    void failedHandshakesAreLoggedWithHaproxysErrorLinesNamingTheBind() throws Exception {
        try (SyslogReceiver syslog = new SyslogReceiver()) {
            int first = ConfigProxy.freePort();
            int named = ConfigProxy.freePort();
            int quiet = ConfigProxy.freePort();
            keep(ConfigProxy.start(cfgDir, header(syslog.address()) + """
                    frontend fe
                        option httplog
                        bind 127.0.0.1:%d ssl crt %s
                        bind 127.0.0.1:%d ssl crt %s name secure
                        http-request return status 200
                    frontend fe2
                        option httplog
                        option dontlognull
                        bind 127.0.0.1:%d ssl crt %s
                        http-request return status 200
                    """.formatted(first, aCrt, named, aCrt, quiet, aCrt)));

            plainRequest(first);
            emptyConnection(first);
            resetConnection(first);
            TlsBindHandshakeTest.sClient(named, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
            emptyConnection(quiet);
            resetConnection(quiet);
            plainRequest(quiet);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                lines.add(syslog.next());
            }
            lines.addAll(syslog.drain(300));

            // haproxy 2.6.12 [RUN]: "127.0.0.1:46408 [02/Dec/2026:13:02:18.318] fe/1: SSL handshake failure";
            // with option dontlognull a connection closed or reset during the handshake is not logged, a failed one is
            String date = "\\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\]";
            assertThat(lines).hasSize(5)
                    .anySatisfy(l -> assertThat(l).containsPattern(": 127\\.0\\.0\\.1:\\d+ " + date
                            + " fe/1: SSL handshake failure$"))
                    .anySatisfy(l -> assertThat(l).endsWith(" fe/1: Connection closed during SSL handshake"))
                    .anySatisfy(l -> assertThat(l).endsWith(" fe/1: Connection error during SSL handshake"))
                    .anySatisfy(l -> assertThat(l).endsWith(" fe/secure: SSL handshake failure"))
                    .anySatisfy(l -> assertThat(l).endsWith(" fe2/1: SSL handshake failure"));
        }
    }

    @Test
    void aClientSilentPastTimeoutClientIsClosedAndLoggedAsAHandshakeTimeoutUnlessDontlognull() throws Exception {
        try (SyslogReceiver syslog = new SyslogReceiver()) {
            int loud = ConfigProxy.freePort();
            int quiet = ConfigProxy.freePort();
            keep(ConfigProxy.start(cfgDir, """
                    global
                        log %s local0
                    defaults
                        mode http
                        log global
                        option httplog
                        timeout connect 5s
                        timeout client 500ms
                        timeout server 5s
                    frontend fe
                        bind 127.0.0.1:%d ssl crt %s
                        http-request return status 200
                    frontend quiet
                        option dontlognull
                        bind 127.0.0.1:%d ssl crt %s
                        http-request return status 200
                    """.formatted(syslog.address(), loud, aCrt, quiet, aCrt)));
            for (int port : List.of(quiet, loud)) {
                try (Socket silent = new Socket("127.0.0.1", port)) {
                    silent.setSoTimeout(20_000); // bounds the test; the rule is the server's 500 ms
                    assertThat(silent.getInputStream().read()).as("closed without a byte").isEqualTo(-1);
                }
            }
            // haproxy 2.6.12 [RUN]: "fe/1: Timeout during SSL handshake", nothing with dontlognull
            assertThat(syslog.next()).endsWith(" fe/1: Timeout during SSL handshake");
            assertThat(syslog.drain(300)).isEmpty();
        }
    }

    @Test
    void withoutALogFormatOnlyAConnectionThatCompletedItsHandshakeIsLogged() throws Exception {
        try (SyslogReceiver syslog = new SyslogReceiver()) {
            int port = ConfigProxy.freePort();
            keep(ConfigProxy.start(cfgDir, header(syslog.address()) + """
                    frontend fe
                        bind 127.0.0.1:%d ssl crt %s
                        http-request return status 200
                    """.formatted(port, aCrt)));

            emptyConnection(port);
            plainRequest(port);
            assertThat(curl(port, "a.example.test", "/").exit()).isZero();

            // haproxy 2.6.12 [RUN]: no error lines without httplog/tcplog/log-format, and "Connect from"
            // only once the handshake is done
            assertThat(syslog.next()).containsPattern(": Connect from 127\\.0\\.0\\.1:\\d+ to 127\\.0\\.0\\.1:"
                    + port + " \\(fe/HTTP\\)$");
            assertThat(syslog.drain(300)).isEmpty();
        }
    }

    private static void plainRequest(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .doesNotContain("HTTP/1.1");
        }
    }

    /** Half a record header, then a reset (SO_LINGER 0). */
    private static void resetConnection(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoLinger(true, 0);
            s.getOutputStream().write(new byte[] {0x16, 0x03});
            s.getOutputStream().flush();
        }
    }

    private static void emptyConnection(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
        }
    }
}
