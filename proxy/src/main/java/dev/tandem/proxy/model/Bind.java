package dev.tandem.proxy.model;

import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.config.haproxy.model.UnixPermissions;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * One listening socket (a port range or a comma list on a bind line yields one Bind per address).
 * {@code source} is "file:line" for haproxy-style error messages.
 *
 * @param address an {@link InetSocketAddress} or a {@link UnixSocketAddress} to bind, or an
 *        {@link InheritedFd} to adopt
 * @param tls {@code ssl} and its options: the socket terminates TLS
 * @param name the bind's {@code name}, which haproxy's connection-error log lines show
 *        ("fe/name: SSL handshake failure"); without one they show the socket's number
 * @param id the socket's number in its frontend (haproxy's listener id, configuration.txt §5.1 "id"):
 *        the {@code id} written, else the first free number from 1 in bind order, which
 *        {@link Frontend} gives every bind that has none (0)
 * @param unix owner and mode of a UNIX socket file
 */
public record Bind(String source, SocketAddress address, boolean transparent, V6Only v6only, boolean acceptProxy,
        Optional<BindTls> tls, Optional<String> name, Proto proto, int id, UnixPermissions unix) {

    /** configuration.txt §5.1 "v4v6"/"v6only": only meaningful on IPv6 wildcard sockets; v6only wins. */
    public enum V6Only { SYSTEM_DEFAULT, V6ONLY, V4V6 }

    /**
     * How an HTTP listener picks the client's protocol per connection. haproxy 2.6 switches a clear
     * connection to HTTP/2 when it opens with the preface unless {@code option disable-h2-upgrade}
     * or {@code proto h1}; {@code proto h2} forces HTTP/2 (configuration.txt "option
     * disable-h2-upgrade", §5.1 "proto").
     */
    public enum Proto {
        /** HTTP/2 when ALPN chose "h2" or the connection opens with the preface, else HTTP/1.1. */
        AUTO,
        /** HTTP/2 only when ALPN chose "h2" ({@code option disable-h2-upgrade}). */
        NO_UPGRADE,
        /** HTTP/1.1 only ({@code proto h1}). */
        H1,
        /** HTTP/2 only ({@code proto h2}). */
        H2;

        /** The bind line's {@code proto}, else what its proxy's {@code option disable-h2-upgrade} says. */
        public static Proto of(dev.tandem.config.haproxy.model.Bind b, boolean disableH2Upgrade) {
            return switch (b.proto().orElse("")) {
                case "h1" -> H1;
                case "h2" -> H2;
                default -> disableH2Upgrade ? NO_UPGRADE : AUTO;
            };
        }

        /**
         * The application protocols this listener serves, in preference order: what TLS may offer
         * in ALPN (the one list of them; an ALPN offer must never name a protocol nobody serves).
         */
        public List<String> served() {
            return switch (this) {
                case AUTO, NO_UPGRADE -> List.of("h2", "http/1.1");
                case H1 -> List.of("http/1.1");
                case H2 -> List.of("h2");
            };
        }
    }

    /** A socket of no given number, and no UNIX socket options. */
    public Bind(String source, SocketAddress address, boolean transparent, V6Only v6only, boolean acceptProxy,
            Optional<BindTls> tls, Optional<String> name, Proto proto) {
        this(source, address, transparent, v6only, acceptProxy, tls, name, proto, 0, UnixPermissions.NONE);
    }

    /** A clear-text socket without a name. */
    public Bind(String source, SocketAddress address, boolean transparent, V6Only v6only, boolean acceptProxy) {
        this(source, address, transparent, v6only, acceptProxy, Optional.empty(), Optional.empty(), Proto.AUTO);
    }


    public static Bind of(InetSocketAddress address) {
        return new Bind("memory:0", address, false, V6Only.SYSTEM_DEFAULT, false);
    }

    public Bind withTransparent(boolean t) {
        return new Bind(source, address, t, v6only, acceptProxy, tls, name, proto, id, unix);
    }

    public Bind withAcceptProxy(boolean p) {
        return new Bind(source, address, transparent, v6only, p, tls, name, proto, id, unix);
    }

    public Bind withTls(BindTls t) {
        return new Bind(source, address, transparent, v6only, acceptProxy, Optional.of(t), name, proto, id, unix);
    }

    public Bind withId(int number) {
        return new Bind(source, address, transparent, v6only, acceptProxy, tls, name, proto, number, unix);
    }

    public Bind withProto(Proto p) {
        return new Bind(source, address, transparent, v6only, acceptProxy, tls, name, p, id, unix);
    }
}
