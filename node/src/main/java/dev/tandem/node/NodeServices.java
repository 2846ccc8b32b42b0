package dev.tandem.node;

import dev.tandem.proxy.ProxyOptions;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.ProxyStartException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Optional;

/** What a running node holds: the proxy (when a haproxy.cfg was given). VRRP joins it in issue #7. */
final class NodeServices implements AutoCloseable {
    /** Start-up failed; the message is what to print (haproxy's wording for listeners). */
    static final class StartException extends Exception {
        StartException(String message) {
            super(message, null, false, false);
        }
    }

    private final Optional<ProxyServer> proxy;

    private NodeServices(Optional<ProxyServer> proxy) {
        this.proxy = proxy;
    }

    static NodeServices start(ConfigSet set, PrintWriter out, PrintWriter err) throws StartException {
        if (set.haproxy().isEmpty()) {
            return new NodeServices(Optional.empty());
        }
        try {
            ProxyServer server = ProxyServer.start(set.haproxy().get(), ProxyOptions.defaults());
            for (InetSocketAddress a : server.boundAddresses()) {
                err.println("tandem: listening on " + HostPort.of(a));
            }
            err.flush();
            return new NodeServices(Optional.of(server));
        } catch (ProxyStartException e) {
            throw new StartException(e.getMessage());
        }
    }

    Optional<ProxyServer> proxy() {
        return proxy;
    }

    @Override
    public void close() {
        proxy.ifPresent(ProxyServer::close);
    }
}
