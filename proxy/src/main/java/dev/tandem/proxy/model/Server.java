package dev.tandem.proxy.model;

import java.net.InetSocketAddress;

/** A backend server line: its name and resolved address. */
public record Server(String name, InetSocketAddress address, int weight) {

    public static Server of(String name, InetSocketAddress address) {
        return new Server(name, address, 1);
    }
}
