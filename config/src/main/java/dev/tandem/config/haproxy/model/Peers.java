package dev.tandem.config.haproxy.model;

import java.util.List;

/** A {@code peers} section (stick-table replication); modelled only. */
public record Peers(String name, List<Peer> peers, Origin origin) {
    public Peers {
        peers = List.copyOf(peers);
    }

    public record Peer(String name, String host, int port) {}
}
