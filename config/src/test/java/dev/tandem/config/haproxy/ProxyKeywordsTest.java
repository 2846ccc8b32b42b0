package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.model.AclTest;
import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.Condition;
import dev.tandem.config.haproxy.model.ConnectionMode.HttpConnectionMode;
import dev.tandem.config.haproxy.model.ForwardFor;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.HashType;
import dev.tandem.config.haproxy.model.HttpAction;
import dev.tandem.config.haproxy.model.LogSink;
import dev.tandem.config.haproxy.model.MatchMethod;
import dev.tandem.config.haproxy.model.Mode;
import dev.tandem.config.haproxy.model.Network;
import dev.tandem.config.haproxy.model.AddressFamily;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.ProxyKind;
import dev.tandem.config.haproxy.model.ProxyLog;
import dev.tandem.config.haproxy.model.Server;
import dev.tandem.config.haproxy.model.SyslogFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One rule per keyword of defaults/frontend/backend/listen sections (configuration.txt §4). */
class ProxyKeywordsTest {

    static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            """;

    static ParseResult<HaproxyConfig> parse(String cfg) {
        return HaproxyConfigReader.readText("t.cfg", cfg, Fixtures.host(Map.of("BACKEND_PORT", "8081")));
    }

    /** A config with no diagnostic at all, or the test fails showing them. */
    static HaproxyConfig clean(String cfg) {
        ParseResult<HaproxyConfig> r = parse(cfg);
        assertThat(Fixtures.briefs(r.diagnostics())).isEmpty();
        return r.model().orElseThrow();
    }

    static Proxy frontend(String body) {
        return clean(DEFAULTS + "frontend fe\n    bind 127.0.0.1:8080\n" + body + "\n    default_backend be\n"
                + "backend be\n    server s1 127.0.0.1:8081\n").proxies().get(0);
    }

    static Proxy backend(String body) {
        return clean(DEFAULTS + "backend be\n" + body + "\n").proxies().get(0);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"100us, PT0.0001S", "250, PT0.25S", "250ms, PT0.25S", "5s, PT5S", "2m, PT2M", "1h, PT1H", "1d, PT24H"})
    void timeoutsTakeHaproxyTimeUnitsWithMillisecondsByDefault(String value, Duration expected) {
        assertThat(backend("    timeout queue " + value).timeouts().queue()).contains(expected);
    }

    @Test
    void proxiesTakeTheLastDefaultsSectionOrTheNamedOne() {
        HaproxyConfig cfg = clean(DEFAULTS + """
                backend a
                defaults tcpish
                    mode tcp
                    timeout connect 1s
                    timeout client 2s
                    timeout server 3s
                backend b
                backend c from tcpish
                defaults
                    mode http
                    timeout connect 7s
                    timeout client 7s
                    timeout server 7s
                backend d
                """);
        assertThat(cfg.proxies()).extracting(p -> p.name() + ":" + p.mode() + ":" + p.timeouts().connect().orElseThrow())
                .containsExactly("a:HTTP:PT5S", "b:TCP:PT1S", "c:TCP:PT1S", "d:HTTP:PT7S");
    }

    @Test
    void frontendFromUnknownDefaultsIsAnError() {
        assertThat(Fixtures.briefs(parse(DEFAULTS + "backend b from nope\n").diagnostics()))
                .containsExactly("6: error: defaults section 'nope' not found");
    }

    @Test
    void listenIsBothFrontendAndBackendAndMaySharedNamesWithOtherKinds() {
        HaproxyConfig cfg = clean(DEFAULTS + """
                listen web
                    bind :8080
                    server s1 127.0.0.1:8081
                frontend app
                    bind :8081
                    default_backend app
                backend app
                    server s1 127.0.0.1:8082
                """);
        assertThat(cfg.frontends()).extracting(Proxy::name).containsExactly("web", "app");
        assertThat(cfg.backends()).extracting(Proxy::name).containsExactly("web", "app");
        assertThat(cfg.proxies().get(0).kind()).isEqualTo(ProxyKind.LISTEN);
    }

    @Test
    void noOptionCancelsTheConnectionModeInForce() {
        Proxy fe = frontend("    option http-server-close\n    no option http-server-close");
        assertThat(fe.connectionMode().mode()).isEqualTo(HttpConnectionMode.KEEP_ALIVE);
        assertThat(fe.connectionMode().origin().line()).isEqualTo(9);
    }

    @Test
    void connectionModeFromDefaultsIsOverriddenSilently() {
        HaproxyConfig cfg = clean(DEFAULTS.replace("mode http\n", "mode http\n    option http-server-close\n")
                + "backend be\n    option httpclose\n");
        assertThat(cfg.proxies().get(0).connectionMode().mode()).isEqualTo(HttpConnectionMode.CLOSE);
    }

    @Test
    void forwardforTakesExceptHeaderAndIfNone() {
        ForwardFor ff = frontend("    option forwardfor except 10.0.0.0/8 header X-Client if-none").forwardFor().orElseThrow();
        assertThat(ff).isEqualTo(new ForwardFor(java.util.Optional.of(new Network(AddressFamily.IPV4, "10.0.0.0", 8)),
                "X-Client", true));
    }

    @Test
    void httpRequestRulesCompileToTypedActions() {
        Proxy fe = frontend("""
                    acl is_api path_beg -i /api /v2
                    http-request set-var(txn.host) req.hdr(host),lower
                    http-request deny deny_status 429 if is_api !{ src 127.0.0.1 }
                    http-request return status 200 content-type text/plain string ok if { path /ping }
                    http-request redirect scheme https code 301 unless { ssl_fc } || is_api
                    http-request replace-path ^/old/(.*) /new/\\1
                    http-request del-header X-Secret -m beg
                    http-response set-status 503 reason "Down for maintenance"
                    redirect prefix /v2 code 308 if { path_beg /v1 }""");
        assertThat(fe.httpRequestRules()).extracting(r -> r.action().getClass().getSimpleName())
                .containsExactly("SetVar", "Deny", "Return", "Redirect", "ReplacePath", "DelHeader");
        HttpAction.SetVar setVar = (HttpAction.SetVar) fe.httpRequestRules().get(0).action();
        assertThat(setVar.scope() + "." + setVar.name()).isEqualTo("txn.host");
        assertThat(setVar.value().converters()).extracting(c -> c.name()).containsExactly("lower");
        assertThat(((HttpAction.Deny) fe.httpRequestRules().get(1).action()).status()).isEqualTo(429);
        Condition denyIf = fe.httpRequestRules().get(1).condition().orElseThrow();
        assertThat(denyIf.unless()).isFalse();
        assertThat(denyIf.anyOf()).singleElement().satisfies(and -> {
            assertThat(and).extracting(Condition.AclTerm::name).containsExactly("is_api", "");
            assertThat(and.get(1).negated()).isTrue();
            assertThat(and.get(1).inline().get(0).method()).isEqualTo(MatchMethod.IP);
        });
        HttpAction.Redirect redirect = (HttpAction.Redirect) fe.httpRequestRules().get(3).action();
        assertThat(redirect.type()).isEqualTo(HttpAction.RedirectType.SCHEME);
        assertThat(redirect.code()).isEqualTo(301);
        assertThat(fe.httpRequestRules().get(3).condition().orElseThrow().anyOf()).hasSize(2);
        assertThat(fe.httpResponseRules()).singleElement().satisfies(r ->
                assertThat(r.action()).isEqualTo(new HttpAction.SetStatus(503, java.util.Optional.of("Down for maintenance"))));
        assertThat(fe.redirectRules()).singleElement().satisfies(r ->
                assertThat(((HttpAction.Redirect) r.action()).code()).isEqualTo(308));
    }

    @Test
    void derivedAclKeywordsSplitIntoFetchAndMatchMethod() {
        Proxy fe = frontend("    acl a path_beg -i /api\n    acl a hdr_dom(host) -m dom example.com\n    acl b src 10.0.0.0/8\n"
                + "    acl c ssl_fc\n    acl d url_param(id) -m found\n    use_backend be if a || b c d");
        List<AclTest> a = fe.acl("a").orElseThrow().tests();
        assertThat(a).extracting(t -> t.sample().fetch().name() + "/" + t.method() + "/" + t.ignoreCase() + "/" + t.patterns())
                .containsExactly("path/BEG/true/[/api]", "hdr/DOM/false/[example.com]");
        assertThat(fe.acl("b").orElseThrow().tests().get(0).method()).isEqualTo(MatchMethod.IP);
        assertThat(fe.acl("c").orElseThrow().tests().get(0).method()).isEqualTo(MatchMethod.BOOL);
        assertThat(fe.acl("d").orElseThrow().tests().get(0).method()).isEqualTo(MatchMethod.FOUND);
        assertThat(fe.useBackends()).singleElement().satisfies(u -> assertThat(u.condition().orElseThrow().anyOf()).hasSize(2));
    }

    @Test
    void sslCVerifyIsAnIntegerFetch() {
        // configuration.txt §7.3.4 "ssl_c_verify : integer": 'gt 0' compares numbers, not text
        Proxy fe = frontend("    acl bad ssl_c_verify gt 0\n    http-request deny if bad");
        assertThat(fe.acl("bad").orElseThrow().tests().get(0).method()).isEqualTo(MatchMethod.INT);
    }

    @Test
    void predefinedAclsNeedNoDeclaration() {
        Proxy fe = frontend("    http-request deny if METH_CONNECT !LOCALHOST");
        assertThat(fe.httpRequestRules()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "balance roundrobin => RoundRobin[]",
        "balance static-rr => StaticRoundRobin[]",
        "balance leastconn => LeastConn[]",
        "balance first => First[]",
        "balance source => Source[]",
        "balance uri whole path-only len 12 depth 3 => Uri[whole=true, pathOnly=true, len=OptionalInt[12], depth=OptionalInt[3]]",
        "balance url_param userid => UrlParam[param=userid]",
        "balance hdr(Host) => Header[name=Host]",
        "balance random => Random[draws=2]",
        "balance random(3) => Random[draws=3]"})
    void balanceAlgorithms(String line, String expected) {
        Balance b = backend("    " + line + "\n    server s1 127.0.0.1:8081").balance();
        assertThat(b.toString()).isEqualTo(expected);
    }

    @Test
    void balanceHashTakesASampleExpression() {
        Proxy be = backend("    balance hash req.cook(sid)\n    hash-type consistent\n    server s1 127.0.0.1:8081");
        assertThat(((Balance.Hash) be.balance()).expression().fetch().name()).isEqualTo("req.cook");
        assertThat(be.hashType()).isEqualTo(HashType.CONSISTENT);
    }

    @Test
    void defaultServerAppliesBeforeEachServersOwnOptions() {
        Proxy be = backend("""
                    default-server inter 3s fall 5 weight 10 init-addr last,libc,none
                    server a 127.0.0.1:8081 check weight 0
                    server b [::1]:8082 check backup send-proxy-v2 maxconn 50 ssl verify none sni str(example.com)
                    server c app.internal
                    server d "127.0.0.1:${BACKEND_PORT}" disabled""");
        Server a = be.servers().get(0);
        assertThat(a.weight()).isZero();
        assertThat(a.check().inter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(a.check().fall()).isEqualTo(5);
        assertThat(a.check().rise()).isEqualTo(2);
        assertThat(a.initAddr()).containsExactly("last", "libc", "none");
        Server b = be.servers().get(1);
        assertThat(b.host()).isEqualTo("::1");
        assertThat(b.weight()).isEqualTo(10);
        assertThat(b.backup()).isTrue();
        assertThat(b.sendProxy()).isEqualTo(Server.SendProxy.V2);
        assertThat(b.maxconn()).hasValue(50);
        assertThat(b.tls().orElseThrow().sni().orElseThrow().fetch().name()).isEqualTo("str");
        Server c = be.servers().get(2);
        assertThat(c.host()).isEqualTo("app.internal");
        assertThat(c.port()).isEqualTo(OptionalInt.empty());
        assertThat(be.servers().get(3).port()).hasValue(8081);
        assertThat(be.servers().get(3).disabled()).isTrue();
    }

    @Test
    void serverTemplateExpandsNumberedServers() {
        Proxy be = backend("    server-template web 1-3 10.0.0.1:80 check");
        assertThat(be.servers()).extracting(Server::name).containsExactly("web1", "web2", "web3");
        assertThat(be.servers()).allSatisfy(s -> assertThat(s.fromTemplate()).isTrue());
    }

    @Test
    void checkWithoutAnyPortIsAnError() {
        assertThat(Fixtures.briefs(parse(DEFAULTS + "backend be\n    server a 10.0.0.1 check\n").diagnostics())).containsExactly(
                "7: error: server 'a' has neither service port nor check port, so checks cannot work");
    }

    @Test
    void httpchkAndHttpCheckRules() {
        Proxy be = backend("    option httpchk\n    http-check send meth GET uri /health hdr Host example.com\n"
                + "    http-check expect status 200\n    server s1 127.0.0.1:8081 check");
        assertThat(be.healthCheck().orElseThrow().httpRequest().orElseThrow().method()).isEqualTo("OPTIONS");
        assertThat(be.healthCheck().orElseThrow().rules()).hasSize(2);
    }

    @Test
    void logTargetsAndLogGlobal() {
        HaproxyConfig cfg = clean("""
                global
                    log stdout format raw local0
                    log 127.0.0.1:5514 local1 notice
                    log [::1]:514 len 2048 format rfc5424 daemon info debug
                """ + DEFAULTS + """
                    log global
                    option httplog
                frontend fe
                    bind :8080
                    log 192.0.2.10 local2
                    default_backend be
                backend be
                    server s1 127.0.0.1:8081
                """);
        assertThat(cfg.global().logs()).extracting(t -> t.sink().toString() + " " + t.format() + " " + t.facility())
                .containsExactly("Stdout[] RAW LOCAL0", "Udp[host=127.0.0.1, port=5514, family=IPV4] RFC3164 LOCAL1",
                        "Udp[host=::1, port=514, family=IPV6] RFC5424 DAEMON");
        assertThat(cfg.global().logs().get(2).maxlen()).isEqualTo(2048);
        Proxy fe = cfg.frontends().get(0);
        assertThat(fe.log().targets()).hasSize(4);
        assertThat(fe.log().targets().get(3).sink()).isEqualTo(new LogSink.Udp("192.0.2.10", 514, AddressFamily.IPV4));
        assertThat(cfg.global().logs().get(0).format()).isEqualTo(SyslogFormat.RAW);
    }

    @Test
    void logFormatWithoutLogAddressIsAWarning() {
        ParseResult<HaproxyConfig> r = parse(DEFAULTS + "    log global\n    option httplog\nfrontend fe\n    bind :80\n"
                + "    default_backend be\nbackend be\n");
        assertThat(Fixtures.briefs(r.diagnostics()))
                .containsExactly("8: warning: log format ignored for frontend 'fe' since it has no log address.");
        assertThat(r.diagnostics().get(0).hint()).startsWith("'log global' finds no 'log' line in the global section");
    }

    @Test
    void httplogInTcpModeFallsBackWithAWarning() {
        ParseResult<HaproxyConfig> r = parse(DEFAULTS.replace("mode http", "mode tcp")
                + "frontend fe\n    bind :80\n    log stdout local0\n    option httplog\n    default_backend be\nbackend be\n");
        assertThat(Fixtures.briefs(r.diagnostics())).containsExactly(
                "9: warning: 'option httplog' not usable with frontend 'fe' (needs 'mode http'). Falling back to 'option tcplog'.");
        assertThat(r.model().orElseThrow().proxies().get(0).log().formatKind()).isEqualTo(ProxyLog.LogFormatKind.TCPLOG);
    }

    @Test
    void httpRulesInTcpModeAreAWarning() {
        ParseResult<HaproxyConfig> r = parse(DEFAULTS.replace("mode http", "mode tcp")
                + "frontend fe\n    bind :80\n    http-request set-header X a\n    default_backend be\nbackend be\n");
        assertThat(Fixtures.briefs(r.diagnostics()))
                .containsExactly("8: warning: HTTP rules are ignored for frontend 'fe' as they require HTTP mode.");
    }

    @Test
    void rspaddIsTranslatedToAnHttpResponseRule() {
        ParseResult<HaproxyConfig> r = parse(DEFAULTS + "backend be\n    rspadd X-Served-By:\\ tandem\\ 1 if { status 200 }\n");
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(7);
            assertThat(d.hint()).isEqualTo("http-response add-header X-Served-By \"tandem 1\" if { status 200 }");
        });
        assertThat(r.model().orElseThrow().proxies().get(0).httpResponseRules()).singleElement()
                .satisfies(rule -> assertThat(rule.condition()).isPresent());
    }

    @Test
    void sectionsOtherThanProxies() {
        HaproxyConfig cfg = clean("""
                userlist admins
                    group ops
                    user alice insecure-password s3cret groups ops
                peers cluster
                    peer lb1 192.0.2.1:1024
                resolvers dns
                    nameserver ns1 192.0.2.53:53
                    parse-resolv-conf
                """);
        assertThat(cfg.userlists().get(0).users().get(0).groups()).containsExactly("ops");
        assertThat(cfg.peers().get(0).peers().get(0).port()).isEqualTo(1024);
        assertThat(cfg.resolvers().get(0).parseResolvConf()).isTrue();
    }

    @Test
    void statsAreModelled() {
        Proxy fe = clean(DEFAULTS + """
                listen stats
                    bind :8404
                    stats enable
                    stats uri /stats
                    stats refresh 10s
                    stats auth admin:secret
                    stats admin if LOCALHOST
                """).proxies().get(0);
        assertThat(fe.stats().orElseThrow().uri()).isEqualTo("/stats");
        assertThat(fe.stats().orElseThrow().refresh()).contains(Duration.ofSeconds(10));
        assertThat(fe.stats().orElseThrow().admin()).isPresent();
        assertThat(fe.mode()).isEqualTo(Mode.HTTP);
    }

    @Test
    void environmentVariablesExpandInsideDoubleQuotesOnly() {
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.readText("t.cfg", DEFAULTS + """
                frontend fe
                    bind "fd@${FD_APP1}"
                    bind ":${PORT-8443}"
                    bind "${ADDR}:80"
                """, Fixtures.host(Map.of("FD_APP1", "7", "ADDR", "::1")));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.model().orElseThrow().proxies().get(0).binds()).extracting(b -> b.addresses().get(0).toString())
                .containsExactly("InheritedFd[fd=7]", "Inet[family=IPV4, host=, portFrom=8443, portTo=8443]",
                        "Inet[family=IPV6, host=::1, portFrom=80, portTo=80]");
    }

    @Test
    void capabilityMismatchIsIgnoredWithAWarningLikeHaproxy() {
        ParseResult<HaproxyConfig> r = parse(DEFAULTS + "backend be\n    maxconn 100\n    server s1 127.0.0.1:8081\n");
        assertThat(Fixtures.briefs(r.diagnostics()))
                .containsExactly("7: warning: 'maxconn' ignored because backend 'be' has no frontend capability.");
        assertThat(r.model().orElseThrow().proxies().get(0).maxconn()).isEmpty();
    }

    @Test
    void frontendWithoutBindIsAWarning() {
        assertThat(Fixtures.briefs(parse(DEFAULTS + "frontend fe\n").diagnostics()))
                .containsExactly("6: warning: frontend 'fe' has no 'bind' line, so it accepts no connection.");
    }

    @Test
    void diagDirectiveIsANotice() {
        assertThat(Fixtures.briefs(parse(".diag \"checking\"\n").diagnostics())).containsExactly("1: notice: checking");
    }

    @Test
    void rulesWrittenAfterLaterPhasesWarnThatTheyRunFirst() {
        ParseResult<HaproxyConfig> r = parse(DEFAULTS + "frontend fe\n    bind :80\n    use_backend be if { path /x }\n"
                + "    redirect scheme https if { path /y }\n    http-request deny if { path /z }\n    default_backend be\n"
                + "backend be\n");
        assertThat(Fixtures.briefs(r.diagnostics())).containsExactly(
                "9: warning: a 'redirect' rule placed after a 'use_backend' rule will still be processed before.",
                "10: warning: a 'http-request' rule placed after a 'redirect' rule will still be processed before.");
    }

    @Test
    void missingAclPatternFileIsAWarning() {
        ParseResult<HaproxyConfig> r = parse(DEFAULTS + "frontend fe\n    bind :80\n    acl bad src -f /nonexistent/tandem/blocklist.lst\n"
                + "    http-request deny if bad\n");
        assertThat(Fixtures.briefs(r.diagnostics()))
                .containsExactly("8: warning: ACL pattern file '/nonexistent/tandem/blocklist.lst' is not readable on this machine");
        assertThat(r.model()).isPresent();
    }

    @Test
    void tcpCheckConnectPortLetsAPortlessServerBeChecked() {
        Proxy be = backend("    mode tcp\n    tcp-check connect port 6379\n    tcp-check send PING\\r\\n\n"
                + "    tcp-check expect string +PONG\n    server r1 10.0.0.1 check");
        assertThat(be.healthCheck().orElseThrow().rules()).hasSize(3);
        assertThat(be.servers().get(0).port()).isEmpty();
    }

    @Test
    void logToLocalhostNeedsNoResolver() {
        HaproxyConfig cfg = clean("global\n    log localhost:5514 local0\n");
        assertThat(cfg.global().logs().get(0).sink()).isEqualTo(new LogSink.Udp("127.0.0.1", 5514, AddressFamily.IPV4));
    }

    @Test
    void zeroTimeoutCountsAsMissing() {
        ParseResult<HaproxyConfig> r = parse(DEFAULTS.replace("timeout server 30s", "timeout server 0") + "backend be\n");
        assertThat(Fixtures.briefs(r.diagnostics())).containsExactly("6: warning: missing timeouts for backend 'be'. While not"
                + " properly invalid, you will certainly encounter various problems with such a configuration.");
    }

    @Test
    void unsupportedKeywordsRefuseWhenTheyDecideTrafficAndWarnOtherwise() {
        ParseResult<HaproxyConfig> r = parse(DEFAULTS + "frontend fe\n    bind :80\n    compression algo gzip\n"
                + "    tcp-request connection reject if { src 192.0.2.1 }\n    default_backend be\nbackend be\n    cookie SRV insert\n");
        assertThat(Fixtures.briefs(r.diagnostics())).containsExactly(
                "8: warning: 'compression' is not supported by Tandem yet and is ignored",
                "9: error: 'tcp-request' is not supported by Tandem yet",
                "12: warning: 'cookie' is not supported by Tandem yet and is ignored");
    }
}
