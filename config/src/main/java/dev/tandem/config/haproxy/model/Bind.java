package dev.tandem.config.haproxy.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code bind} line (configuration.txt §4.2 "bind", §5.1 options).
 *
 * @param transparent bind even when the address is not (yet) local: the VIP on a VRRP backup
 * @param v4v6 IPV6_V6ONLY off on an IPv6 wildcard; v6only wins when both are set
 */
public record Bind(List<BindAddress> addresses, boolean transparent, boolean v4v6, boolean v6only,
        OptionalInt maxconn, Optional<String> name, boolean acceptProxy, Optional<BindTls> tls, Origin origin) {

    public Bind {
        addresses = List.copyOf(addresses);
    }
}
