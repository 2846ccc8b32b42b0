package dev.tandem.proxy.check.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.proxy.lb.BalancedBackend;
import dev.tandem.proxy.lb.Pick;
import dev.tandem.proxy.lb.RequestKey;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RecordedRequest;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The article's backend "appserver" (option httpchk GET /health, three servers with check) read
 * from the seed haproxy.cfg, its servers moved to loopback and checked every 100ms instead of 2s
 * (with "timeout check 5s", so a busy test machine cannot turn a slow answer into a timeout): one
 * application server dies and the balancer stops sending to it, in haproxy's words.
 */
class ArticleBackendChecksTest {

    @TempDir
    Path dir;

    private Proxy appserver(int... ports) throws Exception {
        String seed;
        try (InputStream in = getClass().getResourceAsStream("article-haproxy.cfg")) {
            seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // keep global, defaults and the backend; the frontends are not under test here
        String text = seed.substring(0, seed.indexOf("\nfrontend http-in"))
                + seed.substring(seed.indexOf("\nbackend appserver"));
        text = text.replace("log /dev/log local0", "log 127.0.0.1:514 local0")
                .replace("option httpchk GET /health", "option httpchk GET /health\n      default-server inter 100ms\n      timeout check 5s")
                .replace("10.1.0.11:8080", "127.0.0.1:" + ports[0])
                .replace("10.2.0.11:8080", "127.0.0.1:" + ports[1])
                .replace("10.3.0.11:8080", "127.0.0.1:" + ports[2]);
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, text);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.permissive(Map.of()));
        assertThat(r.model()).as("diagnostics: %s", r.diagnostics()).isPresent();
        return r.model().orElseThrow().backend("appserver").orElseThrow();
    }

    private static List<String> picks(BalancedBackend<?> lb, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Pick p = lb.balancer().pick(RequestKey.none());
            if (p instanceof Pick.Assigned a) {
                out.add(a.server().name());
                lb.balancer().release(a.server());
            } else {
                out.add(p.toString());
            }
        }
        return out;
    }

    @Test
    void deadAppServerLeavesTheRotationWithHaproxysLine() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
        List<String> log = new CopyOnWriteArrayList<>();
        try (HttpBackend app1 = HttpBackend.start(); HttpBackend app2 = HttpBackend.start();
                HttpBackend app3 = HttpBackend.start()) {
            Proxy backend = appserver(app1.port(), app2.port(), app3.port());
            BalancedBackend<Object> lb = BalancedBackend.of(backend, new Random(1), 0);
            try (HealthChecker checker = HealthChecker.start(backend, lb, group, l -> log.add(l.text()),
                    new HealthChecker.Options(0, Duration.ZERO, false, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), 1,
                            EpollSocketChannel.class))) {
                RecordedRequest check = app1.take();
                assertThat(check.requestLine()).isEqualTo("GET /health HTTP/1.0");
                await().atMost(Duration.ofSeconds(10)).until(() -> lb.state().snapshots().stream()
                        .allMatch(s -> s.lastCheck().status().equals("L7OK")));
                assertThat(picks(lb, 3)).containsExactlyInAnyOrder("app1", "app2", "app3");

                app2.close();

                await().atMost(Duration.ofSeconds(10)).until(() -> !log.isEmpty());
                assertThat(log).containsExactly("Server appserver/app2 is DOWN, reason: Layer4 connection problem,"
                        + " info: \"Connection refused\", check duration: 0ms. 2 active and 0 backup servers left."
                        + " 0 sessions active, 0 requeued, 0 remaining in queue.");
                assertThat(picks(lb, 6)).containsOnly("app1", "app3").contains("app1", "app3");
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
