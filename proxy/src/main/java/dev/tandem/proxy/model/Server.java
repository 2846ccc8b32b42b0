package dev.tandem.proxy.model;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * A backend server line: its name and resolved address.
 *
 * @param address an {@link InetSocketAddress}, or a {@link UnixSocketAddress} for a server on a UNIX socket
 * @param tls {@code ssl} towards the server, with where the line was written
 */
public record Server(String name, SocketAddress address, int weight, Optional<ServerTls> tls) {

    public Server(String name, SocketAddress address, int weight) {
        this(name, address, weight, Optional.empty());
    }

    public static Server of(String name, InetSocketAddress address) {
        return new Server(name, address, 1);
    }

    public Server withTls(ServerTls t) {
        return new Server(name, address, weight, Optional.of(t));
    }
}
