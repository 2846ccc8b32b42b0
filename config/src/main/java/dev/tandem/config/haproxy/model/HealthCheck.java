package dev.tandem.config.haproxy.model;

import java.util.List;
import java.util.Optional;

/**
 * How a backend checks its servers beyond a TCP connect: {@code option httpchk} with
 * {@code http-check} rules, or {@code tcp-check} rules.
 *
 * @param httpRequest the request of {@code option httpchk [METH URI [VER]]} (defaults OPTIONS / HTTP/1.0)
 */
public record HealthCheck(Kind kind, Optional<HttpCheckRequest> httpRequest, List<CheckRule> rules) {

    public HealthCheck {
        rules = List.copyOf(rules);
    }

    public enum Kind {
        HTTP,
        TCP
    }

    public record HttpCheckRequest(String method, String uri, String version) {}
}
