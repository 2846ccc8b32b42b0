package dev.tandem.proxy.runtime;

import dev.tandem.proxy.balance.Balancer;
import dev.tandem.proxy.balance.RoundRobin;
import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.tls.ServerTlsContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A backend with its servers, its balancer and its live connection count (%bc). */
public final class BackendRuntime {

    private final Backend backend;
    private final List<ServerRuntime> servers;
    private final Balancer<ServerRuntime> balancer = new RoundRobin<>();
    private final AtomicInteger connections = new AtomicInteger();

    public BackendRuntime(Backend backend) {
        this(backend, Map.of());
    }

    /** @param tls the TLS contexts of the servers with {@code ssl}, by server name */
    public BackendRuntime(Backend backend, Map<String, ServerTlsContext> tls) {
        this.backend = backend;
        this.servers = backend.servers().stream().map(s -> new ServerRuntime(s, tls.get(s.name()))).toList();
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
