package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The keywords that choose HTTP/2 on the client side: {@code bind ... proto} (configuration.txt
 * §5.1 "proto") and {@code option disable-h2-upgrade}. Messages are haproxy 2.6.12's, measured
 * with {@code haproxy -c}.
 */
class Http2KeywordsTest {

    private static final String BACKEND = "backend be\n    server s1 127.0.0.1:8081\n";

    private static ParseResult<HaproxyConfig> parse(String cfg) {
        return ProxyKeywordsTest.parse(cfg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h1", "h2"})
    void bindProtoForcesAnHttpMux(String proto) {
        Proxy fe = ProxyKeywordsTest.clean(ProxyKeywordsTest.DEFAULTS + "frontend fe\n    bind 127.0.0.1:8080 proto "
                + proto + "\n    default_backend be\n" + BACKEND).proxies().get(0);
        assertThat(fe.binds().get(0).proto()).contains(proto);
    }

    @Test
    void bindWithoutProtoLeavesTheChoiceToTheConnection() {
        Proxy fe = ProxyKeywordsTest.frontend("");
        assertThat(fe.binds().get(0).proto()).isEmpty();
        assertThat(fe.options().disableH2Upgrade()).isFalse();
    }

    @Test
    void unknownProtoIsHaproxysError() {
        ParseResult<HaproxyConfig> r = parse(ProxyKeywordsTest.DEFAULTS + "frontend fe\n    bind 127.0.0.1:8080 proto h3x\n"
                + "    default_backend be\n" + BACKEND);
        assertThat(Fixtures.briefs(r.diagnostics()))
                .containsExactly("7: error: 'bind 127.0.0.1:8080' : 'proto' :  unknown MUX protocol 'h3x'");
    }

    @Test
    void protoWithoutValueIsHaproxysError() {
        ParseResult<HaproxyConfig> r = parse(ProxyKeywordsTest.DEFAULTS + "frontend fe\n    bind 127.0.0.1:8080 proto\n"
                + "    default_backend be\n" + BACKEND);
        assertThat(Fixtures.briefs(r.diagnostics()))
                .containsExactly("7: error: 'bind 127.0.0.1:8080' : 'proto' : missing value");
    }

    @Test
    void httpMuxOnTcpFrontendIsNotUsable() {
        ParseResult<HaproxyConfig> r = parse("defaults\n    mode tcp\n    timeout connect 5s\n    timeout client 30s\n"
                + "    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:8080 proto h2\n    default_backend be\n" + BACKEND);
        assertThat(Fixtures.briefs(r.diagnostics())).containsExactly("7: error: frontend 'fe' : MUX protocol 'h2' is not"
                + " usable for 'bind 127.0.0.1:8080' at [t.cfg:7].");
    }

    @Test
    void tcpMuxOnHttpFrontendIsNotUsable() {
        ParseResult<HaproxyConfig> r = parse(ProxyKeywordsTest.DEFAULTS + "frontend fe\n    bind 127.0.0.1:8080 proto none\n"
                + "    default_backend be\n" + BACKEND);
        assertThat(Fixtures.briefs(r.diagnostics())).containsExactly("7: error: frontend 'fe' : MUX protocol 'none' is"
                + " not usable for 'bind 127.0.0.1:8080' at [t.cfg:7].");
    }

    @Test
    void disableH2UpgradeIsModelledAndInheritedFromDefaults() {
        HaproxyConfig c = ProxyKeywordsTest.clean(ProxyKeywordsTest.DEFAULTS + "    option disable-h2-upgrade\n"
                + "frontend a\n    bind 127.0.0.1:8080\n    default_backend be\n"
                + "frontend b\n    bind 127.0.0.1:8081\n    no option disable-h2-upgrade\n    default_backend be\n"
                + BACKEND);
        assertThat(c.proxies().get(0).options().disableH2Upgrade()).isTrue();
        assertThat(c.proxies().get(1).options().disableH2Upgrade()).isFalse();
    }

    @Test
    void h2TuningAtHaproxysDefaultsIsSilent() {
        ParseResult<HaproxyConfig> r = parse("global\n    tune.h2.header-table-size 4096\n"
                + "    tune.h2.initial-window-size 65535\n    tune.h2.max-concurrent-streams 100\n"
                + "    tune.h2.max-frame-size 16384\n");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void h2TuningAwayFromTheDefaultIsAWarningNamingTheDefault() {
        ParseResult<HaproxyConfig> r = parse("global\n    tune.h2.max-concurrent-streams 500\n");
        assertThat(Fixtures.briefs(r.diagnostics())).containsExactly("2: warning: 'tune.h2.max-concurrent-streams 500'"
                + " is not applied: Tandem's HTTP/2 runs with haproxy's default (100)");
        assertThat(r.model()).isPresent();
    }
}
