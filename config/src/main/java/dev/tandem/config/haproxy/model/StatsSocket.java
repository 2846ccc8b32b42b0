package dev.tandem.config.haproxy.model;

import java.util.List;

/** {@code stats socket <address> [options]}: modelled, served by the runtime API later. */
public record StatsSocket(BindAddress address, List<String> options, Origin origin) {
    public StatsSocket {
        options = List.copyOf(options);
    }
}
