package dev.tandem.config.keepalived.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Unicast settings of an instance. With no peers the instance multicasts (unless
 * {@code faultNoPeer}, which makes it wait in FAULT instead).
 *
 * @param sourceIp {@code unicast_src_ip}; empty = the interface's primary address
 * @param ttl {@code unicast_ttl}, 255 by default
 */
public record Unicast(
        Optional<InetAddress> sourceIp,
        List<UnicastPeer> peers,
        int ttl,
        boolean checkSource,
        boolean faultNoPeer) {

    public static final Unicast NONE = new Unicast(Optional.empty(), List.of(), 255, false, false);

    public Unicast {
        Objects.requireNonNull(sourceIp, "sourceIp");
        peers = List.copyOf(peers);
    }

    public boolean enabled() {
        return !peers.isEmpty();
    }
}
