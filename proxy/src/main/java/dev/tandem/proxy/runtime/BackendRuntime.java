package dev.tandem.proxy.runtime;

import dev.tandem.proxy.balance.Balancer;
import dev.tandem.proxy.balance.RoundRobin;
import dev.tandem.proxy.model.Backend;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A backend with its servers, its balancer and its live connection count (%bc). */
public final class BackendRuntime {

    private final Backend backend;
    private final List<ServerRuntime> servers;
    private final Balancer<ServerRuntime> balancer = new RoundRobin<>();
    private final AtomicInteger connections = new AtomicInteger();

    public BackendRuntime(Backend backend) {
        this.backend = backend;
        this.servers = backend.servers().stream().map(ServerRuntime::new).toList();
    }

    public Backend backend() {
        return backend;
    }

    public String name() {
        return backend.name();
    }

    /** The next server by the balancer, or null when the backend has none usable. */
    public ServerRuntime pick() {
        return balancer.pick(servers);
    }

    public AtomicInteger connections() {
        return connections;
    }
}
