package dev.tandem.proxy.check.run;

import dev.tandem.config.haproxy.model.Server;
import java.net.InetAddress;
import dev.tandem.proxy.model.UnixSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.OptionalInt;

/**
 * Where a server's checks connect (configuration.txt §5.2 "addr", "port": the check address and
 * port default to the server's) and what they put first on the wire.
 *
 * @param proxyHeader the PROXY protocol version sent first ({@code check-send-proxy}), NONE when off
 */
record CheckTarget(SocketAddress address, Server.SendProxy proxyHeader, boolean ssl) {

    /**
     * @throws IllegalArgumentException when the address is a host name (never resolved here) or
     *     when no port is known
     */
    static CheckTarget of(String backend, Server server) {
        return of(backend, server, OptionalInt.empty());
    }

    /** @param scriptPort the port of the script's first {@code tcp-check connect port}, which then serves as the check port */
    static CheckTarget of(String backend, Server server, OptionalInt scriptPort) {
        Server.ServerCheck check = server.check();
        if (server.unix().isPresent() && check.addr().isEmpty()) {
            // a server on a UNIX socket is checked on that socket
            return new CheckTarget(new UnixSocketAddress(server.unix().get()), header(server), ssl(server));
        }
        String host = check.addr().orElse(server.host());
        InetAddress ip;
        try {
            ip = InetAddress.ofLiteral(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                    : host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server " + backend + "/" + server.name() + ": cannot check '" + host
                    + "': health checks need an IP address (host names are not resolved); write the server's IP", e);
        }
        int port = check.port().isPresent() ? check.port().getAsInt() : server.port().orElse(scriptPort.orElse(0));
        if (port == 0) {
            throw new IllegalArgumentException("server " + backend + "/" + server.name()
                    + ": health check has no port (the server has none); add 'port <n>' to the server line");
        }
        return new CheckTarget(new InetSocketAddress(ip, port), header(server), ssl(server));
    }

    private static Server.SendProxy header(Server server) {
        if (!server.check().sendProxy()) {
            return Server.SendProxy.NONE;
        }
        // check-send-proxy uses the server's PROXY version, v1 when the server line names none
        return server.sendProxy() == Server.SendProxy.NONE ? Server.SendProxy.V1 : server.sendProxy();
    }

    /** configuration.txt "ssl": an SSL server is checked over SSL too, unless checks go to their own port or addr. */
    private static boolean ssl(Server server) {
        Server.ServerCheck check = server.check();
        return check.ssl() || server.tls().isPresent() && check.port().isEmpty() && check.addr().isEmpty();
    }

    /** A check port on a UNIX socket changes nothing: the socket has no port (haproxy's set_host_port ignores AF_UNIX). */
    CheckTarget withPort(int port) {
        return address instanceof InetSocketAddress a
                ? new CheckTarget(new InetSocketAddress(a.getAddress(), port), proxyHeader, ssl) : this;
    }
}
