package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.model.BindAddress;
import dev.tandem.config.haproxy.model.Global;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Tune;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keywords of the global section (configuration.txt §3). */
class GlobalKeywordsTest {

    private static ParseResult<HaproxyConfig> parse(String cfg) {
        return HaproxyConfigReader.readText("g.cfg", cfg, Fixtures.host(Map.of()));
    }

    @Test
    void processAndTuningKeywordsAreModelled() {
        ParseResult<HaproxyConfig> r = parse("""
                global
                    daemon
                    user haproxy
                    group haproxy
                    chroot /var/lib/haproxy
                    pidfile /run/haproxy.pid
                    maxconn 4096
                    nbthread 4
                    tune.bufsize 32k
                    tune.maxrewrite 2048
                    tune.http.maxhdr 200
                    ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256
                    ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256
                    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets
                    ssl-default-bind-curves X25519:P-256
                    h1-do-not-close-on-insecure-transfer-encoding
                    stats socket /run/haproxy/admin.sock mode 600 level admin expose-fd listeners
                    stats socket ipv4@127.0.0.1:9999 level user
                    stats timeout 30s
                """);
        assertThat(r.diagnostics()).isEmpty();
        Global g = r.model().orElseThrow().global();
        assertThat(g.daemon()).isTrue();
        assertThat(g.user()).contains("haproxy");
        assertThat(g.chroot()).contains("/var/lib/haproxy");
        assertThat(g.maxconn()).hasValue(4096);
        assertThat(g.nbthread()).hasValue(4);
        assertThat(g.tune()).isEqualTo(new Tune(32768, 2048, 200));
        assertThat(g.sslDefaults().bindOptions()).containsExactly("ssl-min-ver", "TLSv1.2", "no-tls-tickets");
        assertThat(g.sslDefaults().bindCurves()).contains("X25519:P-256");
        assertThat(g.h1DoNotCloseOnInsecureTransferEncoding()).isTrue();
        assertThat(g.statsSockets()).extracting(s -> s.address())
                .containsExactly(new BindAddress.Unix("/run/haproxy/admin.sock"),
                        new BindAddress.Inet(dev.tandem.config.haproxy.model.AddressFamily.IPV4, "127.0.0.1", 9999, 9999));
        assertThat(g.statsSockets().get(0).options()).containsExactly("mode", "600", "level", "admin", "expose-fd", "listeners");
    }

    @Test
    void severalGlobalSectionsMerge() {
        HaproxyConfig cfg = parse("global\n    maxconn 10\nglobal\n    nbthread 2\nglobal\n    maxconn 20\n").model().orElseThrow();
        assertThat(cfg.global().maxconn()).hasValue(20);
        assertThat(cfg.global().nbthread()).hasValue(2);
    }

    @Test
    void proxyKeywordInGlobalSaysWhereItBelongs() {
        assertThat(Fixtures.briefs(parse("global\n    timeout client 5s\n").diagnostics())).containsExactly(
                "2: error: unknown keyword 'timeout' in 'global' section; 'timeout' belongs in a defaults, frontend,"
                        + " backend or listen section");
    }

    @Test
    void unknownTuningKnobIsIgnoredWithAWarning() {
        ParseResult<HaproxyConfig> r = parse("global\n    tune.bufsiz 32768\n");
        assertThat(Fixtures.briefs(r.diagnostics()))
                .containsExactly("2: warning: 'tune.bufsiz' is not used by Tandem and is ignored; did you mean 'tune.bufsize'?");
        assertThat(r.model()).isPresent();
    }

    @Test
    void logGlobalInsideGlobalIsAnError() {
        assertThat(Fixtures.briefs(parse("global\n    log global\n").diagnostics())).containsExactly(
                "2: error: 'log global' is only allowed in defaults, frontend, backend and listen sections");
    }
}
