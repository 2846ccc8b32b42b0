package dev.tandem.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.HashType;
import dev.tandem.proxy.lb.RetryPolicy.Action;
import dev.tandem.proxy.lb.RetryPolicy.Attempt;
import dev.tandem.proxy.lb.RetryPolicy.Decision;
import dev.tandem.proxy.lb.RetryPolicy.Failure;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The balancer and the retry policy together, as the data plane will drive them, against what
 * HAProxy 2.6.12 logged with one refusing server ("dead") and one answering ("live"):
 * <pre>
 * roundrobin + option redispatch:  live +1 200   (redispatched at once)
 * roundrobin, no redispatch:       dead 3 503    after 3s (three 1s turn-arounds)
 * balance uri + option redispatch: dead 3 503    after 2s (the map-based hash lands on dead again)
 * </pre>
 */
class RetryScenarioTest {

    /** What the data plane would log: the server of the last attempt, the retries, the status, the waits. */
    private record Outcome(String server, String retries, int status, Duration waited) {}

    private static Outcome run(Balance balance, boolean redispatch, RequestKey key) {
        List<BackendServer> servers = Servers.equal("dead", "live");
        BackendState state = Servers.state(servers);
        Balancer balancer = Balancer.of(balance, HashType.MAP_BASED, state, new Random(1));
        RetryPolicy policy = RetryPolicy.of(3, List.of(), true, redispatch, balance, Duration.ofSeconds(1));
        Attempt attempt = new Attempt("GET", true, !(balance instanceof Balance.RoundRobin));
        Duration waited = Duration.ZERO;
        boolean redispatched = false;
        int retries = 0;
        BackendServer server = ((Pick.Assigned) balancer.pick(key)).server();
        while (true) {
            if (server.name().equals("live")) {
                balancer.release(server);
                return new Outcome("live", (redispatched ? "+" : "") + retries, 200, waited);
            }
            balancer.release(server);
            Decision d = policy.decide(Failure.of(Failure.Kind.CONN_FAILURE), attempt, retries, true,
                    state.activeUsableCount());
            if (d.action() == Action.GIVE_UP) {
                return new Outcome(server.name(), (redispatched ? "+" : "") + retries, 503, waited);
            }
            retries++;
            waited = waited.plus(d.delay());
            if (d.action() == Action.REDISPATCH) {
                BackendServer next = ((Pick.Assigned) balancer.pick(key.avoiding(server))).server();
                redispatched |= !next.equals(server);
                server = next;
            } else {
                state.takeSession(server);
            }
        }
    }

    @Test
    void roundrobinWithRedispatchGoesToTheOtherServerAtOnce() {
        assertThat(run(new Balance.RoundRobin(), true, RequestKey.none()))
                .isEqualTo(new Outcome("live", "+1", 200, Duration.ZERO));
    }

    @Test
    void withoutRedispatchThreeRetriesOnTheSameServerThen503() {
        assertThat(run(new Balance.RoundRobin(), false, RequestKey.none()))
                .isEqualTo(new Outcome("dead", "3", 503, Duration.ofSeconds(3)));
    }

    @Test
    void mapBasedHashRedispatchesOntoTheSameServerOnTheLastRetry() {
        Balance uri = new Balance.Uri(false, false, OptionalInt.empty(), OptionalInt.empty());
        // "/a" hashes to the first slot of the two-server map, like the requests haproxy sent to dead
        RequestKey key = RequestKey.ofUri("/a");
        assertThat(run(uri, true, key)).isEqualTo(new Outcome("dead", "3", 503, Duration.ofSeconds(2)));
    }
}
