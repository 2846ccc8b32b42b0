package dev.tandem.config.haproxy.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code bind} line (configuration.txt §4.2 "bind", §5.1 options).
 *
 * @param transparent bind even when the address is not (yet) local: the VIP on a VRRP backup
 * @param v4v6 IPV6_V6ONLY off on an IPv6 wildcard; v6only wins when both are set
 * @param proto {@code proto h1|h2|none}: the multiplexer forced on every connection (configuration.txt
 *        §5.1 "proto"); empty lets haproxy choose (ALPN, or the HTTP/2 preface on a clear connection)
 * @param id {@code id}: the listener's number in its proxy (§5.1 "id"), a line with a single address only;
 *        empty lets haproxy number it (the first free number from 1, in bind order)
 * @param unix the file owner and mode of a UNIX socket address (§5.1 "mode", "uid", "user", "gid",
 *        "group", defaults from the global {@code unix-bind}); no effect on other addresses
 */
public record Bind(List<BindAddress> addresses, boolean transparent, boolean v4v6, boolean v6only,
        OptionalInt maxconn, Optional<String> name, boolean acceptProxy, Optional<BindTls> tls, Origin origin,
        Optional<String> proto, OptionalInt id, UnixPermissions unix) {

    /** The MUX protocols a bind line may force (haproxy -vv "Available multiplexer protocols"). */
    public static final java.util.Set<String> PROTOS = java.util.Set.of("h1", "h2", "none");

    public Bind {
        addresses = List.copyOf(addresses);
    }

    /** The components before {@code id} and the UNIX socket options were modelled. */
    public Bind(List<BindAddress> addresses, boolean transparent, boolean v4v6, boolean v6only, OptionalInt maxconn,
            Optional<String> name, boolean acceptProxy, Optional<BindTls> tls, Origin origin, Optional<String> proto) {
        this(addresses, transparent, v4v6, v6only, maxconn, name, acceptProxy, tls, origin, proto, OptionalInt.empty(),
                UnixPermissions.NONE);
    }

    /** The components before {@code proto} was modelled. */
    public Bind(List<BindAddress> addresses, boolean transparent, boolean v4v6, boolean v6only, OptionalInt maxconn,
            Optional<String> name, boolean acceptProxy, Optional<BindTls> tls, Origin origin) {
        this(addresses, transparent, v4v6, v6only, maxconn, name, acceptProxy, tls, origin, Optional.empty());
    }
}
