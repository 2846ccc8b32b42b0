package dev.tandem.proxy.runtime;

import dev.tandem.proxy.model.Server;
import java.util.concurrent.atomic.AtomicInteger;

/** One server and its live connection count (%sc). */
public final class ServerRuntime {

    private final Server server;
    private final AtomicInteger connections = new AtomicInteger();

    public ServerRuntime(Server server) {
        this.server = server;
    }

    public Server server() {
        return server;
    }

    public String name() {
        return server.name();
    }

    public AtomicInteger connections() {
        return connections;
    }
}
