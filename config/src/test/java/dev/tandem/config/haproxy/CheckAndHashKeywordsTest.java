package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.Global;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.HashFunction;
import dev.tandem.config.haproxy.model.HashType;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.ProxyOptions;
import dev.tandem.config.haproxy.model.Server;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The keywords the balancing and check cores read: hash-type, option redispatch, option
 * log-health-checks, http-check send/expect/disable-on-404, the server's observe, on-error,
 * error-limit, on-marked-down/up, and global spread-checks / max-spread-checks. Error messages
 * follow what haproxy 2.6.12 answers to the same line.
 */
class CheckAndHashKeywordsTest {

    private static ParseResult<HaproxyConfig> parse(String cfg) {
        return HaproxyConfigReader.readText("t.cfg", cfg, Fixtures.host(Map.of()));
    }

    private static Proxy backend(String body) {
        return ProxyKeywordsTest.backend(body);
    }

    /** The one error a backend body yields, as "line: severity: message". */
    private static List<String> problems(String body) {
        return Fixtures.briefs(parse(ProxyKeywordsTest.DEFAULTS + "backend be\n" + body + "\n").diagnostics());
    }

    // configuration.txt "hash-type": hash-type <method> <function> <modifier>; consistent alone implies avalanche
    @ParameterizedTest(name = "hash-type {0}")
    @CsvSource(delimiter = '|', value = {
            "map-based                    | MAP_BASED  | SDBM  | false",
            "consistent                   | CONSISTENT | SDBM  | true",
            "map-based sdbm               | MAP_BASED  | SDBM  | false",
            "map-based djb2               | MAP_BASED  | DJB2  | false",
            "consistent wt6               | CONSISTENT | WT6   | false",
            "consistent crc32 avalanche   | CONSISTENT | CRC32 | true",
            "map-based sdbm avalanche     | MAP_BASED  | SDBM  | true",
            "map-based none               | MAP_BASED  | NONE  | false"})
    void hashTypeTakesMethodFunctionAndModifier(String words, HashType method, HashFunction.Function function,
            boolean avalanche) {
        Proxy be = backend("    balance uri\n    hash-type " + words + "\n    server s1 127.0.0.1:8081");
        assertThat(be.hashType()).isEqualTo(method);
        assertThat(be.hashFunction()).isEqualTo(new HashFunction(function, avalanche));
    }

    @Test
    void hashFunctionDefaultsToSdbmWithoutModifier() {
        assertThat(backend("    server s1 127.0.0.1:8081").hashFunction()).isEqualTo(HashFunction.DEFAULT)
                .isEqualTo(new HashFunction(HashFunction.Function.SDBM, false));
    }

    @Test
    void hashFunctionIsInheritedFromDefaults() {
        HaproxyConfig cfg = ProxyKeywordsTest.clean(ProxyKeywordsTest.DEFAULTS
                + "    hash-type consistent djb2 avalanche\nbackend be\n    server s1 127.0.0.1:8081\n");
        assertThat(cfg.backend("be").orElseThrow().hashFunction())
                .isEqualTo(new HashFunction(HashFunction.Function.DJB2, true));
        assertThat(cfg.backend("be").orElseThrow().hashType()).isEqualTo(HashType.CONSISTENT);
    }

    @ParameterizedTest(name = "hash-type {0}")
    @CsvSource(delimiter = '|', value = {
            "rendezvous            | 7: error: 'hash-type' expects 'map-based' or 'consistent', not 'rendezvous'",
            "map-based md5         | 7: error: 'hash-type' only supports 'sdbm', 'djb2', 'crc32', 'wt6' or 'none' hash functions, not 'md5'",
            "consistent sdbm fast  | 7: error: 'hash-type' : the only hash modifier is 'avalanche', not 'fast'",
            "consistent sdbm avalanche x | 7: error: 'hash-type' expects at most <method> <function> <modifier>, not 'x'"})
    void hashTypeRefusesUnknownWords(String words, String expected) {
        assertThat(problems("    hash-type " + words)).containsExactly(expected);
    }

    // configuration.txt "option redispatch": option redispatch <interval>
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "option redispatch          | true  | -1",
            "option redispatch 1        | true  | 1",
            "option redispatch 3        | true  | 3",
            "option redispatch -2       | true  | -2",
            "option redispatch 0        | false | 0",
            "no option redispatch       | false | -1"})
    void redispatchTakesAnOptionalInterval(String line, boolean redispatch, int interval) {
        ProxyOptions o = backend("    " + line + "\n    server s1 127.0.0.1:8081").options();
        assertThat(o.redispatch()).isEqualTo(redispatch);
        assertThat(o.redispatchInterval()).isEqualTo(interval);
    }

    @Test
    void redispatchIntervalMustBeAnInteger() {
        assertThat(problems("    option redispatch often")).containsExactly(
                "7: error: 'option redispatch' : invalid redispatch interval 'often': expected an integer");
    }

    @Test
    void redispatchWithoutOptionIsOffWithHaproxysDefaultInterval() {
        ProxyOptions o = backend("    server s1 127.0.0.1:8081").options();
        assertThat(o).isEqualTo(ProxyOptions.NONE);
        assertThat(o.redispatchInterval()).isEqualTo(-1);
    }

    // configuration.txt "option log-health-checks" and "http-check disable-on-404"
    @Test
    void logHealthChecksAndDisableOn404AreModelled() {
        ProxyOptions o = backend("    option httpchk GET /health\n    option log-health-checks\n"
                + "    http-check disable-on-404\n    server s1 127.0.0.1:8081 check").options();
        assertThat(o.logHealthChecks()).isTrue();
        assertThat(o.disableOn404()).isTrue();
        ProxyOptions off = backend("    option log-health-checks\n    no option log-health-checks\n"
                + "    server s1 127.0.0.1:8081").options();
        assertThat(off.logHealthChecks()).isFalse();
        assertThat(off.disableOn404()).isFalse();
    }

    @Test
    void checkOptionsComeFromDefaults() {
        HaproxyConfig cfg = ProxyKeywordsTest.clean(ProxyKeywordsTest.DEFAULTS + "    option log-health-checks\n"
                + "    option redispatch 2\n    http-check disable-on-404\nbackend be\n    server s1 127.0.0.1:8081\n");
        ProxyOptions o = cfg.backend("be").orElseThrow().options();
        assertThat(o.logHealthChecks()).isTrue();
        assertThat(o.disableOn404()).isTrue();
        assertThat(o.redispatchInterval()).isEqualTo(2);
    }

    @Test
    void optionDisableOn404IsUnknownAsInHaproxy() {
        // haproxy 2.6.12: "unknown option 'disable-on-404'"; the keyword is http-check disable-on-404
        assertThat(problems("    option disable-on-404")).singleElement().asString()
                .startsWith("7: error: unknown option 'disable-on-404'");
    }

    // configuration.txt "http-check send": fields not given keep option httpchk's
    @Test
    void httpCheckSendLeavesUnsetFieldsEmptySoOptionHttpchkKeepsThem() {
        Proxy be = backend("    option httpchk GET /health\n    http-check send hdr Host x\n"
                + "    server s1 127.0.0.1:8081 check");
        CheckRule.HttpSend send = (CheckRule.HttpSend) be.healthCheck().orElseThrow().rules().get(0);
        assertThat(send).isEqualTo(new CheckRule.HttpSend("", "", "", List.of(new CheckRule.Header("Host", "x")), "",
                send.origin()));
        assertThat(be.healthCheck().orElseThrow().httpRequest().orElseThrow().uri()).isEqualTo("/health");
    }

    @Test
    void httpCheckSendKeepsWhatItSets() {
        Proxy be = backend("    option httpchk\n    http-check send meth HEAD uri /ping ver HTTP/1.1 body hi\n"
                + "    server s1 127.0.0.1:8081 check");
        CheckRule.HttpSend send = (CheckRule.HttpSend) be.healthCheck().orElseThrow().rules().get(0);
        assertThat(List.of(send.method(), send.uri(), send.version(), send.body()))
                .containsExactly("HEAD", "/ping", "HTTP/1.1", "hi");
    }

    // configuration.txt "http-check expect": hdr / fhdr
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "hdr name content-type                                 | false | false | content-type | str | | str",
            "hdr name -m beg x-app value -m sub ok                 | false | false | x-app        | beg | ok | sub",
            "fhdr name cache-control value no-cache                | false | true  | cache-control| str | no-cache | str",
            "! hdr name -m reg ^x-err                               | true  | false | ^x-err       | reg | | str"})
    void expectHeaderIsModelledWithNameAndValueMatches(String words, boolean negated, boolean full, String name,
            String nameMethod, String value, String valueMethod) {
        Proxy be = backend("    option httpchk\n    http-check expect " + words + "\n    server s1 127.0.0.1:8081 check");
        CheckRule.ExpectHeader e = (CheckRule.ExpectHeader) be.healthCheck().orElseThrow().rules().get(0);
        assertThat(e).isEqualTo(new CheckRule.ExpectHeader(negated, full, name, nameMethod, Optional.ofNullable(value),
                valueMethod, e.origin()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "hdr value x           | 7: error: 'http-check expect hdr' expects a header name",
            "hdr name              | 7: error: 'http-check expect hdr' : 'name' expects a pattern",
            "hdr name -m glob x    | 7: error: 'http-check expect hdr' : unknown match method 'glob'",
            "fhdr nom x            | 7: error: 'http-check expect fhdr' : unknown argument 'nom'"})
    void expectHeaderRefusesMalformedLines(String words, String expected) {
        assertThat(problems("    http-check expect " + words)).containsExactly(expected);
    }

    // configuration.txt §5.2 "observe", "on-error", "error-limit", "on-marked-down", "on-marked-up"
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "check                                             | NONE   | FASTINTER    | 10 | false | false",
            "check observe layer4                              | LAYER4 | FASTINTER    | 10 | false | false",
            "check observe layer7 on-error mark-down           | LAYER7 | MARK_DOWN    | 10 | false | false",
            "check observe layer4 on-error sudden-death error-limit 3 | LAYER4 | SUDDEN_DEATH | 3 | false | false",
            "check on-error fail-check error-limit 1           | NONE   | FAIL_CHECK   | 1  | false | false",
            "check on-marked-down shutdown-sessions            | NONE   | FASTINTER    | 10 | true  | false",
            "check on-marked-up shutdown-backup-sessions       | NONE   | FASTINTER    | 10 | false | true",
            "check observe layer4 observe none                 | NONE   | FASTINTER    | 10 | false | false"})
    void serverTrafficObservationIsModelled(String options, Server.Observe observe, Server.OnError onError,
            int errorLimit, boolean shutdownOnDown, boolean shutdownBackupOnUp) {
        Server.ServerCheck c = backend("    server s1 127.0.0.1:8081 " + options).servers().get(0).check();
        assertThat(c.observe()).isEqualTo(observe);
        assertThat(c.onError()).isEqualTo(onError);
        assertThat(c.errorLimit()).isEqualTo(errorLimit);
        assertThat(c.shutdownSessionsOnDown()).isEqualTo(shutdownOnDown);
        assertThat(c.shutdownBackupSessionsOnUp()).isEqualTo(shutdownBackupOnUp);
    }

    @Test
    void defaultServerPassesObservationOn() {
        Server.ServerCheck c = backend("    default-server observe layer4 on-error mark-down error-limit 5\n"
                + "    server s1 127.0.0.1:8081 check").servers().get(0).check();
        assertThat(List.<Object>of(c.observe(), c.onError(), c.errorLimit()))
                .containsExactly(Server.Observe.LAYER4, Server.OnError.MARK_DOWN, 5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "observe layer5         | 7: error: 'observe' expects one of 'none', 'layer4', 'layer7', not 'layer5'",
            "on-error bogus         | 7: error: 'on-error' expects one of 'fastinter', 'fail-check', 'sudden-death' or 'mark-down', not 'bogus'",
            "error-limit 0          | 7: error: 'error-limit' value '0' is out of range; it must be between 1 and 2147483647",
            "on-marked-down bad     | 7: error: 'on-marked-down' expects 'shutdown-sessions', not 'bad'",
            "on-marked-up bad       | 7: error: 'on-marked-up' expects 'shutdown-backup-sessions', not 'bad'"})
    void serverObservationRefusesWhatHaproxyRefuses(String option, String expected) {
        assertThat(problems("    server s1 127.0.0.1:8081 check " + option)).containsExactly(expected);
    }

    @Test
    void observeLayer7NeedsAnHttpProxy() {
        // haproxy 2.6.12: "'layer7' can only be used in http proxies"
        assertThat(problems("    mode tcp\n    server s1 127.0.0.1:8081 check observe layer7")).containsExactly(
                "8: error: server 's1': 'observe layer7' can only be used in HTTP proxies");
        Proxy modeAfterServer = backend("    mode tcp\n    server s1 127.0.0.1:8081 check observe layer7\n    mode http");
        assertThat(modeAfterServer.servers().get(0).check().observe()).isEqualTo(Server.Observe.LAYER7);
    }

    // configuration.txt §3.2 "spread-checks", "max-spread-checks"
    @Test
    void spreadChecksAndMaxSpreadChecksAreModelled() {
        Global g = ProxyKeywordsTest.clean("global\n    spread-checks 5\n    max-spread-checks 2s\n").global();
        assertThat(g.spreadChecks()).isEqualTo(5);
        assertThat(g.maxSpreadChecks()).contains(Duration.ofSeconds(2));
        Global unset = ProxyKeywordsTest.clean("global\n    daemon\n").global();
        assertThat(unset.spreadChecks()).isZero();
        assertThat(unset.maxSpreadChecks()).isEmpty();
        assertThat(ProxyKeywordsTest.clean("global\n    max-spread-checks 500\n").global().maxSpreadChecks())
                .contains(Duration.ofMillis(500));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "spread-checks 60        | 2: error: spread-checks percentage '60' is out of range; it must be between 0 and 50",
            "max-spread-checks abc   | 2: error: 'max-spread-checks' : invalid time value 'abc': expected a number with an optional unit (us, ms, s, m, h, d)"})
    void spreadSettingsRefuseWhatHaproxyRefuses(String line, String expected) {
        assertThat(Fixtures.briefs(parse("global\n    " + line + "\n").diagnostics())).containsExactly(expected);
    }

    @Test
    void httpCheckRulesWithoutOptionHttpchkAreIgnoredWithHaproxysWarning() {
        // haproxy 2.6.12 warns so and checks with a plain TCP connect
        ParseResult<HaproxyConfig> r = parse(ProxyKeywordsTest.DEFAULTS
                + "backend be\n    http-check send hdr Host y\n    http-check expect status 200\n"
                + "    server s1 127.0.0.1:8081 check\n");
        assertThat(Fixtures.briefs(r.diagnostics())).containsExactly(
                "6: warning: backend 'be' uses http-check rules without 'option httpchk', so the rules are ignored.");
        assertThat(r.model().orElseThrow().backend("be").orElseThrow().healthCheck()).isEmpty();
    }

    @Test
    void httpCheckRulesBeforeOptionHttpchkStillCount() {
        Proxy be = backend("    http-check send hdr Host x\n    option httpchk GET /health\n"
                + "    server s1 127.0.0.1:8081 check");
        assertThat(be.healthCheck().orElseThrow().rules()).hasSize(1);
    }
}
