package dev.tandem.proxy.model;

import java.net.InetSocketAddress;

/**
 * One listening socket (a port range or a comma list on a bind line yields one Bind per address).
 * {@code source} is "file:line" for haproxy-style error messages.
 */
public record Bind(String source, InetSocketAddress address, boolean transparent, V6Only v6only, boolean acceptProxy) {

    /** configuration.txt §5.1 "v4v6"/"v6only": only meaningful on IPv6 wildcard sockets; v6only wins. */
    public enum V6Only { SYSTEM_DEFAULT, V6ONLY, V4V6 }

    public static Bind of(InetSocketAddress address) {
        return new Bind("memory:0", address, false, V6Only.SYSTEM_DEFAULT, false);
    }

    public Bind withTransparent(boolean t) {
        return new Bind(source, address, t, v6only, acceptProxy);
    }

    public Bind withAcceptProxy(boolean p) {
        return new Bind(source, address, transparent, v6only, p);
    }
}
