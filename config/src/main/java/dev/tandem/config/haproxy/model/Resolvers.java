package dev.tandem.config.haproxy.model;

import java.util.List;

/** A {@code resolvers} section; modelled only (the config never resolves names itself). */
public record Resolvers(String name, List<Nameserver> nameservers, boolean parseResolvConf, Origin origin) {
    public Resolvers {
        nameservers = List.copyOf(nameservers);
    }

    public record Nameserver(String name, String host, int port) {}
}
