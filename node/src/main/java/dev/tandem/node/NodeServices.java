package dev.tandem.node;

import dev.tandem.proxy.ProxyOptions;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.ProxyStartException;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import dev.tandem.vrrp.io.VrrpService;
import dev.tandem.vrrp.io.VrrpStartException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a running node holds: VRRP for each keepalived.conf and the proxy (when a haproxy.cfg was given).
 * VRRP starts first so the VIPs are managed before listeners (bound with IP_FREEBIND) take traffic; close
 * stops the proxy, then VRRP sends priority 0 and removes its VIPs.
 */
final class NodeServices implements AutoCloseable {
    /** Start-up failed; the message is what to print (haproxy's wording for listeners). */
    static final class StartException extends Exception {
        StartException(String message) {
            super(message, null, false, false);
        }
    }

    private final Optional<ProxyServer> proxy;
    private final List<VrrpService> vrrp;

    private NodeServices(Optional<ProxyServer> proxy, List<VrrpService> vrrp) {
        this.proxy = proxy;
        this.vrrp = List.copyOf(vrrp);
    }

    static NodeServices start(ConfigSet set, PrintWriter out, PrintWriter err) throws StartException {
        List<VrrpService> vrrp = new ArrayList<>();
        try {
            for (KeepalivedConfig k : set.keepalived()) {
                vrrp.add(VrrpService.start(k, hostName()));
            }
        } catch (VrrpStartException e) {
            vrrp.forEach(VrrpService::close);
            throw new StartException(e.getMessage());
        }
        if (set.haproxy().isEmpty()) {
            return new NodeServices(Optional.empty(), vrrp);
        }
        try {
            ProxyServer server = ProxyServer.start(set.haproxy().get(), ProxyOptions.defaults());
            for (InetSocketAddress a : server.boundAddresses()) {
                err.println("tandem: listening on " + HostPort.of(a));
            }
            err.flush();
            return new NodeServices(Optional.of(server), vrrp);
        } catch (ProxyStartException e) {
            vrrp.forEach(VrrpService::close);
            throw new StartException(e.getMessage());
        }
    }

    /** keepalived's router_id default; read from the kernel, never resolved (no DNS lookups at start). */
    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }

    List<VrrpService> vrrp() {
        return vrrp;
    }

    Optional<ProxyServer> proxy() {
        return proxy;
    }

    @Override
    public void close() {
        proxy.ifPresent(ProxyServer::close);
        vrrp.forEach(VrrpService::close);
    }
}
