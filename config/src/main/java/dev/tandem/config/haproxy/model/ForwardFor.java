package dev.tandem.config.haproxy.model;

import java.util.Optional;

/**
 * {@code option forwardfor [except <net>] [header <name>] [if-none]} (configuration.txt §4.2): the
 * client address is appended as a new header line.
 */
public record ForwardFor(Optional<Network> except, String header, boolean ifNone) {
    public static final String DEFAULT_HEADER = "X-Forwarded-For";
}
