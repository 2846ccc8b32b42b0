package dev.tandem.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.HashType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** configuration.txt §4.2 "balance leastconn", "balance first", "balance random". */
class LeastConnFirstRandomTest {

    private static BackendServer assigned(Pick p) {
        assertThat(p).isInstanceOf(Pick.Assigned.class);
        return ((Pick.Assigned) p).server();
    }

    @Test
    void leastconnSendsToTheServerWithFewestConnections() {
        List<BackendServer> s = Servers.equal("a", "b", "c");
        Balancer b = Balancer.of(new Balance.LeastConn(), HashType.MAP_BASED, Servers.state(s), new Random(1));
        BackendServer first = assigned(b.pick(RequestKey.none()));
        BackendServer second = assigned(b.pick(RequestKey.none()));
        BackendServer third = assigned(b.pick(RequestKey.none()));
        assertThat(List.of(first, second, third)).containsExactlyInAnyOrderElementsOf(s);
        b.release(second);
        assertThat(assigned(b.pick(RequestKey.none()))).isEqualTo(second);
    }

    @Test
    void leastconnBreaksTiesRoundRobin() {
        Balancer b = Balancer.of(new Balance.LeastConn(), HashType.MAP_BASED, Servers.state(Servers.equal("a", "b", "c")),
                new Random(1));
        List<String> seq = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seq.add(Servers.pickName(b, RequestKey.none())); // released at once: every pick is a tie
        }
        assertThat(seq).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void leastconnWeighsConnectionsByWeight() {
        List<BackendServer> s = Servers.weighted(new String[] {"small", "big"}, 1, 3);
        Balancer b = Balancer.of(new Balance.LeastConn(), HashType.MAP_BASED, Servers.state(s), new Random(1));
        Map<String, Integer> held = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            held.merge(assigned(b.pick(RequestKey.none())).name(), 1, Integer::sum);
        }
        assertThat(held.get("big")).isBetween(28, 32);
    }

    @Test
    void firstFillsTheLowestIdUpToItsMaxconnThenTheNext() {
        List<BackendServer> s = List.of(BackendServer.of(0, "s1", 1).withMaxconn(2), BackendServer.of(1, "s2", 1).withMaxconn(2));
        Balancer b = Balancer.of(new Balance.First(), HashType.MAP_BASED, Servers.state(s), new Random(1));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            names.add(assigned(b.pick(RequestKey.none())).name());
        }
        assertThat(names).containsExactly("s1", "s1", "s2", "s2");
        assertThat(b.pick(RequestKey.none())).isEqualTo(Pick.QUEUE_ON_BACKEND);
        b.release(s.get(0));
        assertThat(assigned(b.pick(RequestKey.none())).name()).isEqualTo("s1");
    }

    @Test
    void firstWithoutMaxconnTakesEverythingOnTheFirstServer() {
        Balancer b = Balancer.of(new Balance.First(), HashType.MAP_BASED, Servers.state(Servers.equal("s1", "s2")),
                new Random(1));
        for (int i = 0; i < 10; i++) {
            assertThat(assigned(b.pick(RequestKey.none())).name()).isEqualTo("s1");
        }
    }

    @Test
    void randomWithTwoDrawsAvoidsTheLoadedServer() {
        List<BackendServer> s = Servers.equal("a", "b");
        BackendState state = Servers.state(s);
        for (int i = 0; i < 50; i++) {
            state.takeSession(s.get(0));
        }
        Balancer b = Balancer.of(new Balance.Random(2), HashType.MAP_BASED, state, new Random(7));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            counts.merge(Servers.pickName(b, RequestKey.none()), 1, Integer::sum);
        }
        // "a" only wins when both draws land on it: about a quarter of the time
        assertThat(counts.getOrDefault("a", 0)).isBetween(150, 350);
    }

    @Test
    void randomIsReproducibleWithTheSameSeedAndSpreadsByWeight() {
        List<BackendServer> s = Servers.weighted(new String[] {"a", "b"}, 1, 3);
        Balancer one = Balancer.of(new Balance.Random(1), HashType.MAP_BASED, Servers.state(s), new Random(99));
        Balancer two = Balancer.of(new Balance.Random(1), HashType.MAP_BASED, Servers.state(s), new Random(99));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            String x = Servers.pickName(one, RequestKey.none());
            assertThat(Servers.pickName(two, RequestKey.none())).isEqualTo(x);
            counts.merge(x, 1, Integer::sum);
        }
        assertThat(counts.get("b") / (double) counts.get("a")).isBetween(2.0, 4.5);
    }
}
