package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.lb.BalancedBackend;
import dev.tandem.proxy.lb.Pick;
import dev.tandem.proxy.lb.RequestKey;
import dev.tandem.proxy.lb.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The keywords the balancing and check cores used to take haproxy's defaults for, from config
 * text through the reader into the cores: http-check send merged with option httpchk, option
 * redispatch &lt;interval&gt;, hash-type functions, option log-health-checks, http-check
 * disable-on-404, observe/on-error/error-limit, spread-checks/max-spread-checks.
 */
class ConfigToCoresTest {

    private static final HostFacts HOST = new HostFacts() {
        @Override
        public Optional<String> env(String name) {
            return Optional.empty();
        }

        @Override
        public boolean interfaceExists(String name) {
            return false;
        }

        @Override
        public boolean isReadableFile(Path path) {
            return false;
        }

        @Override
        public boolean isExecutable(Path path) {
            return false;
        }
    };

    private static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            """;

    @TempDir
    Path dir;

    private HaproxyConfig read(String text) {
        Path cfg = dir.resolve("haproxy.cfg");
        try {
            Files.writeString(cfg, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HOST);
        assertThat(r.diagnostics()).isEmpty();
        return r.model().orElseThrow();
    }

    private Proxy backend(String body) {
        return read(DEFAULTS + "backend be\n" + body).backend("be").orElseThrow();
    }

    private static String wire(Proxy be) {
        BalancedBackend<Object> lb = BalancedBackend.of(be, new Random(1), 0);
        return new String(BackendChecks.of(be, lb).httpRequestBytes().orElseThrow(), StandardCharsets.ISO_8859_1);
    }

    // configuration.txt "http-check send": measured on haproxy 2.6.12 by the check core's author
    @Test
    void httpCheckSendHeaderKeepsOptionHttpchkMethodUriAndVersion() {
        Proxy be = backend("""
                    option httpchk GET /health
                    http-check send hdr Host x
                    server s1 127.0.0.1:8081 check
                """);
        assertThat(wire(be)).isEqualTo("GET /health HTTP/1.0\r\nhost: x\r\n\r\n");
    }

    @Test
    void httpCheckSendOverridesOnlyTheFieldsItSets() {
        Proxy be = backend("""
                    option httpchk HEAD /ping HTTP/1.1
                    http-check send uri /ready
                    server s1 127.0.0.1:8081 check
                """);
        assertThat(wire(be)).isEqualTo("HEAD /ready HTTP/1.1\r\nconnection: close\r\n\r\n");
        Proxy sendOnly = backend("""
                    option httpchk
                    http-check send meth GET
                    server s1 127.0.0.1:8081 check
                """);
        assertThat(wire(sendOnly)).isEqualTo("GET / HTTP/1.0\r\n\r\n");
    }

    // configuration.txt "option redispatch <interval>"
    @Test
    void redispatchIntervalReachesTheRetryPolicy() {
        Proxy be = backend("""
                    retries 3
                    option redispatch 2
                    balance source
                    server s1 127.0.0.1:8081
                    server s2 127.0.0.1:8082
                """);
        RetryPolicy retry = BalancedBackend.of(be, new Random(1), 0).retry();
        assertThat(retry.redispatchInterval()).isEqualTo(2);
        RetryPolicy.Attempt bound = new RetryPolicy.Attempt("GET", true, true);
        RetryPolicy.Failure refused = RetryPolicy.Failure.of(RetryPolicy.Failure.Kind.CONN_FAILURE);
        assertThat(retry.decide(refused, bound, 0, true, 2).action()).isEqualTo(RetryPolicy.Action.RETRY_SAME_SERVER);
        assertThat(retry.decide(refused, bound, 1, true, 2).action()).isEqualTo(RetryPolicy.Action.REDISPATCH);
    }

    @Test
    void redispatchIntervalZeroTurnsRedispatchOff() {
        Proxy be = backend("""
                    option redispatch 0
                    server s1 127.0.0.1:8081
                """);
        assertThat(BalancedBackend.of(be, new Random(1), 0).retry().redispatch()).isFalse();
    }

    // configuration.txt "hash-type": rows of haproxy-hash-functions.txt (measured on 2.6.12)
    @Test
    void hashTypeFunctionReachesTheBalancer() {
        String servers = """
                    balance hdr(X-Key)
                    server s1 127.0.0.1:8081 weight 1
                    server s2 127.0.0.1:8082 weight 2
                    server s3 127.0.0.1:8083 weight 3
                    server s4 127.0.0.1:8084 weight 1
                    server s5 127.0.0.1:8085 weight 2
                """;
        RequestKey key = RequestKey.ofUri("/").withHeaders(n -> n.equalsIgnoreCase("X-Key") ? Optional.of("cart-42")
                : Optional.empty());
        assertThat(pick(backend("    hash-type map-based sdbm\n" + servers), key)).isEqualTo("s3");
        assertThat(pick(backend("    hash-type map-based djb2\n" + servers), key)).isEqualTo("s4");
        assertThat(pick(backend("    hash-type map-based wt6\n" + servers), key)).isEqualTo(
                measured("m-wt6", "636172742d3432"));
        assertThat(pick(backend("    hash-type consistent crc32\n" + servers), key)).isEqualTo(
                measured("c-crc32", "636172742d3432"));
    }

    private static String measured(String backend, String hexKey) {
        try (var in = ConfigToCoresTest.class.getResourceAsStream("/dev/tandem/proxy/lb/haproxy-hash-functions.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].equals(backend) && f[1].equals(hexKey)) {
                    return f[2];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no measured row " + backend + " " + hexKey);
    }

    private static String pick(Proxy be, RequestKey key) {
        Pick p = BalancedBackend.of(be, new Random(1), 0).balancer().pick(key);
        assertThat(p).isInstanceOf(Pick.Assigned.class);
        return ((Pick.Assigned) p).server().name();
    }

    // configuration.txt "option log-health-checks"
    @Test
    void logHealthChecksLogsAFailedCheckThatChangesNoState() {
        String servers = "    server s1 127.0.0.1:8081 check\n";
        CheckResult refused = CheckResult.of(CheckStatus.L4CON, "Connection refused", 0);
        Proxy quiet = backend(servers);
        Proxy chatty = backend("    option log-health-checks\n" + servers);
        assertThat(firstFailure(quiet, refused)).isEmpty();
        assertThat(firstFailure(chatty, refused)).singleElement().asString()
                .startsWith("Health check for server be/s1 failed");
    }

    private static List<String> firstFailure(Proxy be, CheckResult result) {
        BalancedBackend<Object> lb = BalancedBackend.of(be, new Random(1), 0);
        BackendChecks checks = BackendChecks.of(be, lb);
        BackendServer s1 = lb.state().servers().getFirst();
        checks.health().onCheckResult(s1, CheckResult.of(CheckStatus.L4OK, "", 0), 0);
        checks.health().onCheckResult(s1, CheckResult.of(CheckStatus.L4OK, "", 0), 1);
        return checks.health().onCheckResult(s1, result, 2).logLines();
    }

    // configuration.txt "http-check disable-on-404"
    @Test
    void disableOn404ReachesTheExpectation() {
        Proxy be = backend("""
                    option httpchk GET /health
                    http-check disable-on-404
                    server s1 127.0.0.1:8081 check
                """);
        HttpCheckExpect expect = BackendChecks.of(be, BalancedBackend.of(be, new Random(1), 0)).httpExpect().orElseThrow();
        HttpCheckResponse notFound = new HttpCheckResponse(404, "Not Found", new byte[0]);
        assertThat(expect.evaluate(notFound, true, 0).status()).isEqualTo(CheckStatus.L7OKC);
        Proxy plain = backend("    option httpchk GET /health\n    server s1 127.0.0.1:8081 check\n");
        HttpCheckExpect strict = BackendChecks.of(plain, BalancedBackend.of(plain, new Random(1), 0)).httpExpect()
                .orElseThrow();
        assertThat(strict.evaluate(notFound, true, 0).status()).isEqualTo(CheckStatus.L7STS);
    }

    // configuration.txt §5.2 "observe", "on-error", "error-limit"
    @Test
    void observeOnErrorAndErrorLimitReachTheTrafficObserver() {
        Proxy be = backend("    server s1 127.0.0.1:8081 check observe layer4 on-error mark-down error-limit 2\n");
        BalancedBackend<Object> lb = BalancedBackend.of(be, new Random(1), 0);
        BackendChecks checks = BackendChecks.of(be, lb);
        BackendServer s1 = lb.state().servers().getFirst();
        checks.health().onCheckResult(s1, CheckResult.of(CheckStatus.L4OK, "", 0), 0);
        checks.health().onCheckResult(s1, CheckResult.of(CheckStatus.L4OK, "", 0), 1);
        assertThat(checks.health().onTraffic(s1, TrafficObserver.Event.L4_ERROR, 2).transition())
                .isEqualTo(HealthCheckState.Transition.NONE);
        assertThat(checks.health().onTraffic(s1, TrafficObserver.Event.L4_ERROR, 3).transition())
                .isEqualTo(HealthCheckState.Transition.WENT_DOWN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "check                                                | NONE   | FASTINTER    | 10",
            "check observe layer7 on-error fail-check             | LAYER7 | FAIL_CHECK   | 10",
            "check observe layer4 on-error sudden-death error-limit 4 | LAYER4 | SUDDEN_DEATH | 4",
            "check observe layer4 on-error fastinter error-limit 1 | LAYER4 | FASTINTER    | 1",
            "check observe layer7 on-error mark-down               | LAYER7 | MARK_DOWN    | 10"})
    void serverObservationSettingsMapOntoTheTrafficObserver(String options, TrafficObserver.Mode mode,
            TrafficObserver.OnError onError, int errorLimit) {
        Proxy be = backend("    server s1 127.0.0.1:8081 " + options + "\n");
        TrafficObserver o = TrafficObserver.of(be.servers().getFirst().check());
        assertThat(o.mode()).isEqualTo(mode);
        assertThat(o.onError()).isEqualTo(onError);
        assertThat(o.errorLimit()).isEqualTo(errorLimit);
    }

    // configuration.txt §5.2 "on-marked-down", "on-marked-up"
    @Test
    void onMarkedDownAndUpAreAnsweredPerServer() {
        Proxy be = backend("""
                    server s1 127.0.0.1:8081 check on-marked-down shutdown-sessions
                    server s2 127.0.0.1:8082 check on-marked-up shutdown-backup-sessions
                    server s3 127.0.0.1:8083
                """);
        BalancedBackend<Object> lb = BalancedBackend.of(be, new Random(1), 0);
        BackendChecks checks = BackendChecks.of(be, lb);
        List<BackendServer> s = lb.state().servers();
        assertThat(List.of(checks.shutdownSessionsWhenDown(s.get(0)), checks.shutdownSessionsWhenDown(s.get(1)),
                checks.shutdownSessionsWhenDown(s.get(2)))).containsExactly(true, false, false);
        assertThat(List.of(checks.shutdownBackupSessionsWhenUp(s.get(0)), checks.shutdownBackupSessionsWhenUp(s.get(1)),
                checks.shutdownBackupSessionsWhenUp(s.get(2)))).containsExactly(false, true, false);
    }

    @Test
    void withoutObserveTrafficErrorsChangeNothing() {
        Proxy be = backend("    server s1 127.0.0.1:8081 check error-limit 1 on-error mark-down\n");
        BalancedBackend<Object> lb = BalancedBackend.of(be, new Random(1), 0);
        BackendChecks checks = BackendChecks.of(be, lb);
        BackendServer s1 = lb.state().servers().getFirst();
        for (int i = 0; i < 5; i++) {
            assertThat(checks.health().onTraffic(s1, TrafficObserver.Event.L4_ERROR, i).transition())
                    .isEqualTo(HealthCheckState.Transition.NONE);
        }
    }

    // configuration.txt §3.2 "spread-checks", "max-spread-checks"
    @Test
    void spreadSettingsReachTheCheckSchedule() {
        HaproxyConfig cfg = read("global\n    max-spread-checks 1s\n    spread-checks 50\n");
        CheckSchedule capped = CheckSchedule.of(cfg.global(), new Random(7));
        List<Duration> four = List.of(Duration.ofSeconds(4), Duration.ofSeconds(4));
        assertThat(capped.initialDelays(four)).containsExactly(Duration.ZERO, Duration.ofMillis(500));
        assertThat(capped.nextDelay(Duration.ofSeconds(2))).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
        CheckSchedule plain = CheckSchedule.of(read("global\n    daemon\n").global(), new Random(7));
        assertThat(plain.initialDelays(four)).containsExactly(Duration.ZERO, Duration.ofSeconds(2));
        assertThat(plain.nextDelay(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    }

    // configuration.txt "http-check expect" hdr/fhdr: modelled, refused by the check core with a clear error
    @Test
    void expectHeaderIsRefusedByTheCheckCoreWithItsLine() {
        Proxy be = backend("""
                    option httpchk GET /health
                    http-check expect hdr name content-type value -m beg text/
                    server s1 127.0.0.1:8081 check
                """);
        BalancedBackend<Object> lb = BalancedBackend.of(be, new Random(1), 0);
        assertThatThrownBy(() -> BackendChecks.of(be, lb)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("haproxy.cfg").hasMessageContaining("'http-check expect hdr' is not supported");
    }
}
