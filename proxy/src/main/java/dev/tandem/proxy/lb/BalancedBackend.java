package dev.tandem.proxy.lb;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.HashType;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.Server;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Everything the data plane needs to choose a server for one backend of the sealed config: its
 * state, balancer, queues and retry policy, built once per (re)load.
 *
 * @param <T> the data plane's handle of a request waiting in a queue
 */
public record BalancedBackend<T>(BackendState state, Balancer balancer, PendingQueues<T> queues, RetryPolicy retry) {

    /**
     * @param random the seed source of {@code balance random}
     * @param nowMillis injected time of the load
     */
    public static <T> BalancedBackend<T> of(Proxy backend, RandomGenerator random, long nowMillis) {
        if (!backend.isBackend()) {
            throw new IllegalArgumentException(backend.kind().keyword() + " " + backend.name() + " has no servers to balance");
        }
        List<BackendServer> servers = BackendServer.fromModel(backend.servers());
        BackendState state = new BackendState(backend.name(), servers, backend.options().allBackups(), nowMillis);
        for (int i = 0; i < servers.size(); i++) {
            Server s = backend.servers().get(i);
            if (s.disabled()) {
                // configuration.txt "disabled": the server starts in maintenance
                state.setAdmin(servers.get(i), AdminState.MAINT, nowMillis);
            }
        }
        Balancer balancer = Balancer.of(backend.balance(), backend.hashType(), backend.hashFunction(), state, random);
        PendingQueues<T> queues = new PendingQueues<>(state, backend.timeouts().effectiveQueue().orElse(Duration.ZERO));
        return new BalancedBackend<>(state, balancer, queues, RetryPolicy.of(backend));
    }

    /**
     * A backend built in code rather than read from a config (tests, tools): {@code balance
     * roundrobin}, retries on connection failures only, {@code timeout queue} from {@code timeout connect}.
     */
    public static <T> BalancedBackend<T> roundRobin(String name, List<BackendServer> servers, int retries,
            boolean httpMode, Duration connectTimeout, long nowMillis) {
        BackendState state = new BackendState(name, servers, false, nowMillis);
        Balance rr = new Balance.RoundRobin();
        Balancer balancer = Balancer.of(rr, HashType.MAP_BASED, state, RandomGenerator.getDefault());
        RetryPolicy retry = RetryPolicy.of(retries, List.of(), httpMode, false, rr, connectTimeout);
        return new BalancedBackend<>(state, balancer, new PendingQueues<>(state, connectTimeout), retry);
    }
}
