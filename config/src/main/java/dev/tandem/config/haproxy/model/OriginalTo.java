package dev.tandem.config.haproxy.model;

import java.util.Optional;

/** {@code option originalto [except <net>] [header <name>]}: the original destination address. */
public record OriginalTo(Optional<Network> except, String header) {
    public static final String DEFAULT_HEADER = "X-Original-To";
}
