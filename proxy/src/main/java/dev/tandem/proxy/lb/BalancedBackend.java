package dev.tandem.proxy.lb;

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
}
