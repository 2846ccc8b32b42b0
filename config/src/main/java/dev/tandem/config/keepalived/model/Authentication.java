package dev.tandem.config.keepalived.model;

import java.util.Objects;

/**
 * VRRPv2 authentication, present only when it is effective (keepalived ignores it for v3 and in
 * strict mode).
 *
 * @param password at most 8 characters (keepalived truncates longer ones)
 */
public record Authentication(AuthType type, String password) {

    public Authentication {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(password, "password");
    }
}
