package dev.tandem.config.haproxy.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The stats page ({@code stats enable|uri|auth|refresh|admin}); served by a later milestone. */
public record Stats(boolean enabled, String uri, List<Credentials> auth, Optional<Duration> refresh,
        Optional<Condition> admin) {

    public static final String DEFAULT_URI = "/haproxy?stats";

    public Stats {
        auth = List.copyOf(auth);
    }

    public record Credentials(String user, String password) {}
}
