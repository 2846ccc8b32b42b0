package dev.tandem.proxy.runtime;

import dev.tandem.proxy.model.Server;
import dev.tandem.proxy.rules.TransactionView;
import dev.tandem.proxy.tls.ServerTlsContext;
import java.util.concurrent.atomic.AtomicInteger;

/** One server, its TLS context when it has {@code ssl}, and its live connection count (%sc). */
public final class ServerRuntime {

    private final Server server;
    private final ServerTlsContext tls;
    private final AtomicInteger connections = new AtomicInteger();

    public ServerRuntime(Server server) {
        this(server, null);
    }

    /** @param tls the server's TLS context, or null for clear text */
    public ServerRuntime(Server server, ServerTlsContext tls) {
        this.server = server;
        this.tls = tls;
    }

    public Server server() {
        return server;
    }

    public String name() {
        return server.name();
    }

    /** The TLS context of {@code server ... ssl}, or null for clear text. */
    public ServerTlsContext tls() {
        return tls;
    }

    /**
     * The server_name to send for this stream ({@code sni <expr>}), or null for none: clear text,
     * no {@code sni} keyword, or an expression that yields nothing (configuration.txt §5.2 "sni").
     */
    public String sni(TransactionView stream) {
        if (tls == null || server.tls().isEmpty() || server.tls().get().sni().isEmpty()) {
            return null;
        }
        String v = server.tls().get().sni().get().evaluate(stream);
        return v == null || v.isEmpty() ? null : v;
    }

    public AtomicInteger connections() {
        return connections;
    }
}
