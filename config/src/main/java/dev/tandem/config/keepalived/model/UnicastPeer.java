package dev.tandem.config.keepalived.model;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One {@code unicast_peer} entry: {@code ip [min_ttl n] [max_ttl n]}; received adverts from this
 * peer are accepted only with a TTL/hop limit in [minTtl, maxTtl].
 */
public record UnicastPeer(InetAddress address, int minTtl, int maxTtl) {

    public UnicastPeer {
        Objects.requireNonNull(address, "address");
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }
}
