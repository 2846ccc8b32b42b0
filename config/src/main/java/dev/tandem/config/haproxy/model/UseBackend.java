package dev.tandem.config.haproxy.model;

import java.util.Optional;

/** {@code use_backend <name> [if|unless <cond>]}; the first matching rule wins. */
public record UseBackend(String backend, Optional<Condition> condition, Origin origin) {
}
