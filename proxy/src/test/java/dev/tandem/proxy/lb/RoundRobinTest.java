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

/** configuration.txt §4.2 "balance roundrobin" and "static-rr". */
class RoundRobinTest {

    private static Balancer balancer(Balance balance, BackendState state) {
        return Balancer.of(balance, HashType.MAP_BASED, state, new Random(1));
    }

    private static List<String> picks(Balancer b, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Servers.pickName(b, RequestKey.none()));
        }
        return out;
    }

    @Test
    void roundrobinWeightsOneTwoThreeGiveExactlyOneTwoThreeInEveryCycleOfSix() {
        Balancer b = balancer(new Balance.RoundRobin(),
                Servers.state(Servers.weighted(new String[] {"a", "b", "c"}, 1, 2, 3)));
        List<String> seq = picks(b, 60);
        for (int cycle = 0; cycle < 10; cycle++) {
            Map<String, Integer> counts = new HashMap<>();
            seq.subList(cycle * 6, cycle * 6 + 6).forEach(s -> counts.merge(s, 1, Integer::sum));
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2, "c", 3));
        }
    }

    @Test
    void roundrobinGivesHaproxysOwnSequence() {
        // measured on haproxy 2.6.12 (lb_fwrr.c): the same weights give the same order
        Balancer b = balancer(new Balance.RoundRobin(),
                Servers.state(Servers.weighted(new String[] {"a", "b", "c"}, 1, 2, 3)));
        assertThat(picks(b, 12)).containsExactly("c", "b", "c", "a", "c", "b", "c", "b", "c", "a", "c", "b");
        Balancer b532 = balancer(new Balance.RoundRobin(),
                Servers.state(Servers.weighted(new String[] {"a", "b", "c"}, 5, 3, 2)));
        assertThat(picks(b532, 20)).containsExactly("a", "b", "a", "c", "a", "b", "a", "b", "a", "c",
                "a", "b", "a", "c", "a", "b", "a", "b", "a", "c");
        Balancer b110 = balancer(new Balance.RoundRobin(), Servers.state(Servers.weighted(new String[] {"a", "b"}, 1, 10)));
        assertThat(picks(b110, 22)).containsExactly("b", "b", "b", "b", "b", "b", "b", "b", "b", "b", "a",
                "b", "b", "b", "b", "b", "b", "b", "b", "b", "b", "a");
    }

    @Test
    void roundrobinFollowsHaproxyThroughWeightChangesAndMaintenance() {
        // measured on haproxy 2.6.12 with the runtime API: set weight rr/b 3, disable server rr/c,
        // enable server rr/c, set weight rr/a 0, with requests in between
        List<BackendServer> s = Servers.weighted(new String[] {"a", "b", "c"}, 1, 1, 2);
        BackendState state = Servers.state(s);
        Balancer b = balancer(new Balance.RoundRobin(), state);
        assertThat(picks(b, 3)).containsExactly("c", "a", "c");
        state.setWeight(s.get(1), 3);
        assertThat(picks(b, 10)).containsExactly("b", "c", "b", "a", "b", "c", "b", "c", "b", "a");
        state.setAdmin(s.get(2), AdminState.MAINT, 1);
        assertThat(picks(b, 5)).containsExactly("b", "b", "b", "b", "a");
        state.setAdmin(s.get(2), AdminState.READY, 2);
        assertThat(picks(b, 10)).containsExactly("b", "c", "b", "a", "b", "c", "b", "c", "b", "a");
        state.setWeight(s.get(0), 0);
        assertThat(picks(b, 6)).containsExactly("b", "c", "b", "c", "b", "b");
    }

    @Test
    void roundrobinInterleavesWeightsInsteadOfSendingBursts() {
        Balancer b = balancer(new Balance.RoundRobin(),
                Servers.state(Servers.weighted(new String[] {"a", "b", "c"}, 5, 3, 2)));
        List<String> seq = picks(b, 100);
        for (int i = 1; i < seq.size(); i++) {
            if (seq.get(i).equals(seq.get(i - 1))) {
                org.assertj.core.api.Assertions.fail("server %s picked twice in a row at %d: %s", seq.get(i), i, seq);
            }
        }
    }

    @Test
    void roundrobinEqualWeightsAlternateInDeclarationOrder() {
        Balancer b = balancer(new Balance.RoundRobin(), Servers.state(Servers.equal("app1", "app2", "app3")));
        assertThat(picks(b, 6)).containsExactly("app1", "app2", "app3", "app1", "app2", "app3");
    }

    @Test
    void roundrobinIsDynamicWeightChangesApplyAtOnce() {
        List<BackendServer> servers = Servers.equal("a", "b");
        BackendState state = Servers.state(servers);
        Balancer b = balancer(new Balance.RoundRobin(), state);
        picks(b, 3);
        state.setWeight(servers.get(1), 3);
        Map<String, Integer> counts = new HashMap<>();
        picks(b, 8).forEach(s -> counts.merge(s, 1, Integer::sum));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 6));
    }

    @Test
    void weightZeroServerGetsNoTraffic() {
        List<BackendServer> servers = Servers.weighted(new String[] {"a", "b"}, 0, 1);
        Balancer b = balancer(new Balance.RoundRobin(), Servers.state(servers));
        assertThat(picks(b, 5)).containsOnly("b");
    }

    @Test
    void staticRrWalksHaproxysWeightMapInTheOrderHaproxyUses() {
        // measured on haproxy 2.6.12 with weights 1, 2, 3: a c b c b c, repeated
        Balancer b = balancer(new Balance.StaticRoundRobin(),
                Servers.state(Servers.weighted(new String[] {"a", "b", "c"}, 1, 2, 3)));
        assertThat(picks(b, 12)).containsExactly("a", "c", "b", "c", "b", "c", "a", "c", "b", "c", "b", "c");
    }

    @Test
    void downAndMaintAndDrainServersAreSkipped() {
        List<BackendServer> s = Servers.equal("a", "b", "c", "d");
        BackendState state = Servers.state(s);
        Balancer b = balancer(new Balance.RoundRobin(), state);
        state.setChecksSayUp(s.get(0), false, 1);
        state.setAdmin(s.get(1), AdminState.MAINT, 1);
        state.setAdmin(s.get(2), AdminState.DRAIN, 1);
        assertThat(picks(b, 4)).containsOnly("d");
    }

    @Test
    void serverAtMaxconnSitsOutAndAllFullMeansBackendQueue() {
        List<BackendServer> s = List.of(BackendServer.of(0, "a", 1).withMaxconn(1), BackendServer.of(1, "b", 1).withMaxconn(1));
        BackendState state = Servers.state(s);
        Balancer b = balancer(new Balance.RoundRobin(), state);
        Pick first = b.pick(RequestKey.none());
        Pick second = b.pick(RequestKey.none());
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(new Pick.Assigned(s.get(0)), new Pick.Assigned(s.get(1)));
        assertThat(b.pick(RequestKey.none())).isEqualTo(Pick.QUEUE_ON_BACKEND);
        b.release(s.get(1));
        assertThat(b.pick(RequestKey.none())).isEqualTo(new Pick.Assigned(s.get(1)));
    }

    @Test
    void retryAvoidsTheServerThatJustFailedWhenThereIsAnother() {
        List<BackendServer> s = Servers.equal("a", "b");
        Balancer b = balancer(new Balance.RoundRobin(), Servers.state(s));
        for (int i = 0; i < 4; i++) {
            assertThat(Servers.pickName(b, RequestKey.none().avoiding(s.get(0)))).isEqualTo("b");
        }
        Balancer single = balancer(new Balance.RoundRobin(), Servers.state(Servers.equal("only")));
        assertThat(Servers.pickName(single, RequestKey.none().avoiding(single.state().servers().get(0)))).isEqualTo("only");
    }

    @Test
    void noUsableServerMeansNoServer() {
        List<BackendServer> s = Servers.equal("a");
        BackendState state = Servers.state(s);
        state.setChecksSayUp(s.get(0), false, 1);
        assertThat(balancer(new Balance.RoundRobin(), state).pick(RequestKey.none())).isEqualTo(Pick.NO_SERVER);
    }
}
