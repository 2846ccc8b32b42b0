package dev.tandem.proxy.model;

import dev.tandem.config.haproxy.model.BindTls;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One listening socket (a port range or a comma list on a bind line yields one Bind per address).
 * {@code source} is "file:line" for haproxy-style error messages.
 *
 * @param tls {@code ssl} and its options: the socket terminates TLS
 * @param name the bind's {@code name}, which haproxy's connection-error log lines show
 *        ("fe/name: SSL handshake failure"); without one they show the socket's number
 */
public record Bind(String source, InetSocketAddress address, boolean transparent, V6Only v6only, boolean acceptProxy,
        Optional<BindTls> tls, Optional<String> name) {

    /** configuration.txt §5.1 "v4v6"/"v6only": only meaningful on IPv6 wildcard sockets; v6only wins. */
    public enum V6Only { SYSTEM_DEFAULT, V6ONLY, V4V6 }

    /** A clear-text socket without a name. */
    public Bind(String source, InetSocketAddress address, boolean transparent, V6Only v6only, boolean acceptProxy) {
        this(source, address, transparent, v6only, acceptProxy, Optional.empty(), Optional.empty());
    }

    public static Bind of(InetSocketAddress address) {
        return new Bind("memory:0", address, false, V6Only.SYSTEM_DEFAULT, false);
    }

    public Bind withTransparent(boolean t) {
        return new Bind(source, address, t, v6only, acceptProxy, tls, name);
    }

    public Bind withAcceptProxy(boolean p) {
        return new Bind(source, address, transparent, v6only, p, tls, name);
    }

    public Bind withTls(BindTls t) {
        return new Bind(source, address, transparent, v6only, acceptProxy, Optional.of(t), name);
    }
}
