package dev.tandem.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tandem check}: every problem at file:line, exit 0 when it would run, 1 when not. */
class CheckCommandTest {

    @Test
    void articleConfigsWouldRunWithTheirWarnings(@TempDir Path dir) throws Exception {
        Cli.seedInto(dir);
        String h = dir.resolve("haproxy.cfg").toString();
        String k = dir.resolve("keepalived.conf").toString();
        Cli r = Cli.run("check", "-f", h, "-k", k);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out())
                .contains(h + ":26: warning: 'reqadd' is not supported anymore since HAProxy 2.1")
                .contains("    hint: http-request add-header X-Forwarded-Proto http")
                .contains(k + ":27: warning: (EXTERN) unknown state 'EQUAL', defaulting to BACKUP")
                .contains(k + ":39: notice: (EXTERN): address family must match VRRP instance")
                .endsWith("Configuration is valid (" + r.out().lines().filter(l -> l.contains(": warning: ")).count()
                        + " warning(s)).\n");
    }

    @Test
    void listenerOnAVipWithoutTransparentIsAWarningAtTheBindLine(@TempDir Path dir) throws Exception {
        Cli.seedInto(dir);
        String h = dir.resolve("haproxy.cfg").toString();
        Cli r = Cli.run("check", "-f", h, "-k", dir.resolve("keepalived.conf").toString());
        assertThat(r.out()).contains(h + ":20: warning: bind 1.2.3.4:80 of proxy 'http-in' listens on 1.2.3.4/32,"
                + " a VIP of vrrp_instance EXTERN")
                .contains("    hint: bind 1.2.3.4:80 transparent");
        // The IPv6 bind has 'transparent' already: nothing to say about it.
        assertThat(r.out()).doesNotContain(h + ":21: warning: bind");
    }

    @Test
    void missingCertificateIsAnErrorAndExitsOne(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, Cli.resource("/seed/haproxy.cfg").replace("/etc/ssl/private/site.pem", dir.resolve("nope.pem").toString()));
        Cli r = Cli.run("check", "-f", cfg.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(cfg + ":33: error: unable to load SSL certificate")
                .contains("it would not run.");
    }

    @Test
    void certificateThatDoesNotLoadIsAnErrorAtTheBindLineNamingTheFileAndWhy(@TempDir Path dir) throws Exception {
        Cli.seedInto(dir);
        Path pem = dir.resolve("site.pem");
        String seed = Files.readString(pem);
        Path key = dir.resolve("other.key");
        Process p = new ProcessBuilder("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-out", key.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        // the seed certificate with a key of its own: the reader's PEM sniffing passes, loading it does not
        Files.writeString(pem, seed.substring(0, seed.indexOf("-----BEGIN PRIVATE KEY-----")) + Files.readString(key));
        String h = dir.resolve("haproxy.cfg").toString();

        Cli r = Cli.run("check", "-f", h);

        assertThat(r.exit()).isEqualTo(1);
        // haproxy -c loads every certificate too; both https-in binds name the file
        assertThat(r.out()).contains(h + ":33: error: unable to load SSL certificate '" + pem
                + "': the private key does not match the certificate")
                .contains(h + ":34: error: unable to load SSL certificate '" + pem + "'");
    }

    @Test
    void missingFileIsReportedWithoutAStackTrace(@TempDir Path dir) {
        Cli r = Cli.run("check", "-k", dir.resolve("absent.conf").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("absent.conf").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void binaryGarbageIsAnErrorNotACrash(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("garbage.cfg");
        Files.write(f, new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2, 3, (byte) 0xff});
        Cli r = Cli.run("check", "-f", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("garbage.cfg").contains("error:").doesNotContain("\tat ");
    }

    @Test
    void nothingToCheckIsAUsageError() {
        Cli r = Cli.run("check");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nothing to check");
    }
}
