package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.proxy.lb.BalancedBackend;
import dev.tandem.proxy.lb.Pick;
import dev.tandem.proxy.lb.RequestKey;
import dev.tandem.proxy.lb.ServerStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From haproxy.cfg text, through the config reader, to balancers and checks. */
class ConfigToChecksTest {

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

    @TempDir
    Path dir;

    private HaproxyConfig read(String text) throws IOException {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, text, StandardCharsets.UTF_8);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HOST);
        assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
        return r.model().orElseThrow();
    }

    private static Proxy backend(HaproxyConfig c, String name) {
        return c.proxies().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theArticleBackendChecksWithGetHealthAndRotatesItsThreeServers() throws IOException {
        HaproxyConfig c = read("""
                defaults
                    timeout connect 5s
                    timeout client  30s
                    timeout server  30s
                backend appserver
                      mode http
                      balance roundrobin
                      option httpchk GET /health
                      server app1 10.1.0.11:8080 check
                      server app2 10.2.0.11:8080 check
                      server app3 10.3.0.11:8080 check
                """);
        Proxy appserver = backend(c, "appserver");
        BalancedBackend<String> lb = BalancedBackend.of(appserver, new Random(1), 0);
        BackendChecks checks = BackendChecks.of(appserver, lb, false);
        assertThat(new String(checks.httpRequestBytes().orElseThrow(), StandardCharsets.ISO_8859_1))
                .isEqualTo("GET /health HTTP/1.0\r\n\r\n");
        assertThat(checks.serverChecks()).hasSize(3);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Pick.Assigned p = (Pick.Assigned) lb.balancer().pick(RequestKey.none());
            order.add(p.server().name());
        }
        assertThat(order).containsExactly("app1", "app2", "app3");
    }

    @Test
    void hostHiddenInTheHttpchkVersionReachesTheWire() throws IOException {
        HaproxyConfig c = read("""
                backend be
                    mode http
                    option httpchk GET / "HTTP/1.1\\r\\nHost: x"
                    server s1 127.0.0.1:8080 check
                """);
        Proxy be = backend(c, "be");
        BackendChecks checks = BackendChecks.of(be, BalancedBackend.of(be, new Random(1), 0), false);
        assertThat(new String(checks.httpRequestBytes().orElseThrow(), StandardCharsets.ISO_8859_1))
                .isEqualTo("GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
    }

    @Test
    void tcpCheckScriptDisabledServerAndListenSection() throws IOException {
        HaproxyConfig c = read("""
                listen redis
                    mode tcp
                    bind 127.0.0.1:6379
                    option tcp-check
                    tcp-check send PING\\r\\n
                    tcp-check expect string +PONG
                    server r1 127.0.0.1:6380 check
                    server r2 127.0.0.1:6381 check disabled
                """);
        Proxy redis = backend(c, "redis");
        BalancedBackend<String> lb = BalancedBackend.of(redis, new Random(1), 0);
        BackendChecks checks = BackendChecks.of(redis, lb, false);
        assertThat(checks.protocol()).isEqualTo(BackendChecks.Protocol.TCP_SCRIPT);
        assertThat(lb.state().snapshot(lb.state().server("r2").orElseThrow()).status()).isEqualTo(ServerStatus.MAINT);
        TcpCheckRun run = checks.newTcpRun();
        run.start();
        TcpCheckRun.Step send = run.connected(0);
        assertThat(send).isInstanceOfSatisfying(TcpCheckRun.Step.Send.class,
                s -> assertThat(new String(s.data(), StandardCharsets.ISO_8859_1)).isEqualTo("PING\r\n"));
        var r1 = lb.state().server("r1").orElseThrow();
        CheckResult refused = CheckResult.of(CheckStatus.L4CON, "Connection refused", 0);
        assertThat(checks.health().onCheckResult(r1, refused, 1).logLines()).containsExactly(
                "Server redis/r1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms."
                        + " 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                "proxy redis has no server available!");
    }
}
