package dev.tandem.config.keepalived.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code vrrp_script NAME { script; interval; timeout; weight [reverse]; rise; fall; user; init_fail }}.
 * Defaults (keepalived 2.2.7): interval 1 s, timeout = interval, weight 0 (failure means FAULT),
 * rise 1, fall 1.
 */
public record VrrpScript(
        String name,
        NotifyCommand command,
        Duration interval,
        Duration timeout,
        int weight,
        boolean reverse,
        int rise,
        int fall,
        boolean initFail,
        SourcePosition source) {

    public VrrpScript {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(source, "source");
    }

    public Optional<String> user() {
        return command.user();
    }
}
