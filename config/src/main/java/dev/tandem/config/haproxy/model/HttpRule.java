package dev.tandem.config.haproxy.model;

import java.util.Optional;

/** An {@code http-request}/{@code http-response}/{@code redirect} rule: an action and its condition. */
public record HttpRule(HttpAction action, Optional<Condition> condition, Origin origin) {
}
