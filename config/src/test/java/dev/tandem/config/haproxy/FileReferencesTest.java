package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.TlsVerify;
import dev.tandem.config.haproxy.model.TlsVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a config names are read and checked at parse time: errorfile responses and crt PEM files. */
class FileReferencesTest {

    @TempDir
    Path tmp;

    private ParseResult<HaproxyConfig> parse(String cfg) {
        return HaproxyConfigReader.readText("t.cfg", cfg, Fixtures.host());
    }

    private String withFrontend(String lines) {
        return ProxyKeywordsTest.DEFAULTS + "frontend fe\n    bind 127.0.0.1:8080\n" + lines
                + "\n    default_backend be\nbackend be\n    server s1 127.0.0.1:8081\n";
    }

    @Test
    void errorfileIsReadAndKeptVerbatim() throws IOException {
        Path f = tmp.resolve("503.http");
        String response = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\nCache-Control: no-cache\r\n\r\n<h1>down</h1>\n";
        Files.writeString(f, response);
        ParseResult<HaproxyConfig> r = parse(withFrontend("    errorfile 503 " + f));
        assertThat(r.diagnostics()).isEmpty();
        Proxy fe = r.model().orElseThrow().proxies().get(0);
        assertThat(fe.errorFiles().get(503).rawResponse()).isEqualTo(response);
    }

    @Test
    void errorfileThatIsNotAnHttpResponseIsAnError() throws IOException {
        Path f = tmp.resolve("503.html");
        Files.writeString(f, "<html>sorry</html>\n");
        ParseResult<HaproxyConfig> r = parse(withFrontend("    errorfile 503 " + f));
        assertThat(Fixtures.briefs(r.diagnostics())).containsExactly("8: error: unable to parse the HTTP response in '" + f
                + "': invalid status line '<html>sorry</html>'");
    }

    @Test
    void errorfileForAStatusHaproxyNeverEmitsIsAnError() {
        assertThat(Fixtures.briefs(parse(withFrontend("    errorfile 418 /dev/null")).diagnostics()))
                .containsExactly("8: error: 'errorfile' : status code 418 not handled");
    }

    @Test
    void devNullErrorfileMeansCloseSilently() {
        ParseResult<HaproxyConfig> r = parse(withFrontend("    errorfile 408 /dev/null"));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.model().orElseThrow().proxies().get(0).errorFiles().get(408).rawResponse()).isEmpty();
    }

    @Test
    void httpErrorsSectionsAreMergedByErrorfiles() throws IOException {
        Path f = tmp.resolve("404.http");
        Files.writeString(f, "HTTP/1.0 404 Not Found\n\nnope\n");
        HaproxyConfig cfg = parse("http-errors site\n    errorfile 404 " + f + "\n" + withFrontend("    errorfiles site"))
                .model().orElseThrow();
        assertThat(cfg.proxies().get(0).errorFiles()).containsOnlyKeys(404);
        assertThat(cfg.httpErrors()).hasSize(1);
    }

    @Test
    void errorfilesNamingAnUnknownSectionIsAnError() {
        assertThat(Fixtures.briefs(parse(withFrontend("    errorfiles nope")).diagnostics()))
                .containsExactly("8: error: unable to find http-errors section 'nope' used by frontend 'fe'");
    }

    @Test
    void sslBindOptionsAreModelled() {
        Path pem = Fixtures.resource("seed/site.pem");
        ParseResult<HaproxyConfig> r = parse(ProxyKeywordsTest.DEFAULTS + "frontend fe\n    bind [::]:8443 v6only ssl crt " + pem
                + " alpn h2,http/1.1 ssl-min-ver TLSv1.2 ciphersuites TLS_AES_128_GCM_SHA256 verify optional strict-sni"
                + " no-tls-tickets accept-proxy name https maxconn 100\n");
        assertThat(r.diagnostics()).isEmpty();
        BindTls tls = r.model().orElseThrow().proxies().get(0).binds().get(0).tls().orElseThrow();
        assertThat(tls.alpn()).containsExactly("h2", "http/1.1");
        assertThat(tls.minVersion()).contains(TlsVersion.TLSV12);
        assertThat(tls.verify()).isEqualTo(TlsVerify.OPTIONAL);
        assertThat(tls.strictSni()).isTrue();
        assertThat(tls.noTlsTickets()).isTrue();
    }

    @Test
    void crtWithoutPrivateKeyIsAnErrorNamingTheFile() throws IOException {
        String pem = Files.readString(Fixtures.resource("seed/site.pem"));
        Path certOnly = tmp.resolve("cert-only.pem");
        Files.writeString(certOnly, pem.substring(0, pem.indexOf("-----END CERTIFICATE-----") + 25) + "\n");
        ParseResult<HaproxyConfig> r = parse(ProxyKeywordsTest.DEFAULTS + "frontend fe\n    bind :8443 ssl crt " + certOnly + "\n");
        assertThat(Fixtures.briefs(r.diagnostics())).containsExactly("7: error: '" + certOnly + "' has no private key");
    }

    @Test
    void sslWithoutCertificateIsAnError() {
        assertThat(Fixtures.briefs(parse(ProxyKeywordsTest.DEFAULTS + "frontend fe\n    bind :8443 ssl\n").diagnostics()))
                .containsExactly("7: error: 'bind :8443' : 'ssl' needs a certificate");
    }

    @Test
    void crtMayBeADirectory() {
        ParseResult<HaproxyConfig> r = parse(ProxyKeywordsTest.DEFAULTS + "frontend fe\n    bind :8443 ssl crt " + tmp + "\n");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.model().orElseThrow().proxies().get(0).binds().get(0).tls().orElseThrow().crts()).containsExactly(tmp);
    }

    @Test
    void readingAListOfFilesKeepsTheirOrder() throws IOException {
        Path a = tmp.resolve("a.cfg");
        Path b = tmp.resolve("b.cfg");
        Files.writeString(a, ProxyKeywordsTest.DEFAULTS);
        Files.writeString(b, "backend be\n    server s1 127.0.0.1:8081\n");
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(a, b), Fixtures.host());
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.model().orElseThrow().proxies().get(0).timeouts().server()).isPresent();
    }
}
