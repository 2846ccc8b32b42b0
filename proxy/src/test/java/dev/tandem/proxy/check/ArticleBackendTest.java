package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.ConnectionMode;
import dev.tandem.config.haproxy.model.HashType;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.HttpReuse;
import dev.tandem.config.haproxy.model.Mode;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.ProxyKind;
import dev.tandem.config.haproxy.model.ProxyLog;
import dev.tandem.config.haproxy.model.ProxyOptions;
import dev.tandem.config.haproxy.model.Server;
import dev.tandem.config.haproxy.model.Timeouts;
import dev.tandem.proxy.lb.BalancedBackend;
import dev.tandem.proxy.lb.RequestKey;
import dev.tandem.proxy.lb.RetryPolicy;
import dev.tandem.proxy.lb.ServerStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The article's backend, as the config model will hand it over:
 * <pre>
 * backend appserver
 *       mode http
 *       balance roundrobin
 *       option httpchk GET /health
 *       server app1 10.1.0.11:8080 check
 *       server app2 10.2.0.11:8080 check
 *       server app3 10.3.0.11:8080 check
 * </pre>
 */
class ArticleBackendTest {

    private static Server server(String name, String ip, boolean disabled) {
        Server.ServerCheck check = new Server.ServerCheck(true, Duration.ofSeconds(2), Optional.empty(), Optional.empty(), 2,
                3, OptionalInt.empty(), Optional.empty(), false, false);
        return new Server(name, ip, OptionalInt.of(8080), check, 1, false, disabled, OptionalInt.empty(),
                OptionalInt.empty(), Server.SendProxy.NONE, Optional.empty(), List.of(), false, Origin.DEFAULT);
    }

    static Proxy appserver(boolean app3Disabled) {
        Timeouts timeouts = new Timeouts(Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofSeconds(30)),
                Optional.of(Duration.ofSeconds(30)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new Proxy("appserver", ProxyKind.BACKEND, Mode.HTTP, new Origin("haproxy.cfg", 41), List.of(), timeouts,
                OptionalInt.empty(), new ProxyLog(List.of(), Optional.empty(), ProxyLog.LogFormatKind.NONE, false),
                Optional.empty(), Optional.empty(), ConnectionMode.DEFAULT, ProxyOptions.NONE, 3, List.of(),
                new Balance.RoundRobin(), HashType.MAP_BASED, HttpReuse.SAFE,
                Optional.of(new HealthCheck(HealthCheck.Kind.HTTP,
                        Optional.of(new HealthCheck.HttpCheckRequest("GET", "/health", null)), List.of())),
                List.of(server("app1", "10.1.0.11", false), server("app2", "10.2.0.11", false),
                        server("app3", "10.3.0.11", app3Disabled)),
                List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(), Map.of(), List.of(),
                Optional.empty(), Optional.empty());
    }

    @Test
    void articleBackendBalancesRoundRobinAndChecksWithGetHealth() {
        BalancedBackend<String> lb = BalancedBackend.of(appserver(false), new Random(1), 0);
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            var p = (dev.tandem.proxy.lb.Pick.Assigned) lb.balancer().pick(RequestKey.none());
            picks.add(p.server().name());
            lb.balancer().release(p.server());
        }
        assertThat(picks).containsExactly("app1", "app2", "app3", "app1", "app2", "app3");
        assertThat(lb.retry().retries()).isEqualTo(3);
        assertThat(lb.retry().retryOn()).containsExactly(RetryPolicy.RetryOn.CONN_FAILURE);

        BackendChecks checks = BackendChecks.of(appserver(false), lb, false);
        assertThat(checks.protocol()).isEqualTo(BackendChecks.Protocol.HTTP);
        assertThat(new String(checks.httpRequestBytes().orElseThrow(), StandardCharsets.ISO_8859_1))
                .isEqualTo("GET /health HTTP/1.0\r\n\r\n");
        assertThat(checks.serverChecks()).hasSize(3);
        var app1 = lb.state().server("app1").orElseThrow();
        assertThat(checks.health().check(app1).orElseThrow().settings()).isEqualTo(new CheckSettings(
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), 2, 3));
        assertThat(lb.state().snapshot(app1).lastCheck().status()).isEqualTo("INI");
    }

    @Test
    void aFailingHealthEndpointTakesAppserverDownInHaproxysWords() {
        BalancedBackend<String> lb = BalancedBackend.of(appserver(false), new Random(1), 0);
        BackendChecks checks = BackendChecks.of(appserver(false), lb, false);
        var app1 = lb.state().server("app1").orElseThrow();
        HttpCheckResponse.Parse p = HttpCheckResponse.parse(
                "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), false);
        CheckResult r = checks.httpExpect().orElseThrow().evaluate(((HttpCheckResponse.Parse.Complete) p).response(), true, 1);
        assertThat(checks.health().onCheckResult(app1, r, 100).logLines()).containsExactly(
                "Server appserver/app1 is DOWN, reason: Layer7 wrong status, code: 503, info: \"Service Unavailable\","
                        + " check duration: 1ms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued,"
                        + " 0 remaining in queue.");
    }

    @Test
    void disabledServerStartsInMaintenance() {
        BalancedBackend<String> lb = BalancedBackend.of(appserver(true), new Random(1), 0);
        assertThat(lb.state().snapshot(lb.state().server("app3").orElseThrow()).status()).isEqualTo(ServerStatus.MAINT);
        assertThat(lb.state().candidates().servers()).hasSize(2);
    }
}
