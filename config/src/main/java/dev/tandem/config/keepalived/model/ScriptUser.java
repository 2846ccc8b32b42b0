package dev.tandem.config.keepalived.model;

import java.util.Objects;
import java.util.Optional;

/** {@code script_user USER [GROUP]}: who runs notify and track scripts by default. */
public record ScriptUser(String user, Optional<String> group) {

    public ScriptUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
    }
}
