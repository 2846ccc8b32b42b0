package dev.tandem.vrrp.track;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A vrrp_script block (keepalived.conf(5); defaults from keepalived 2.2.7 vrrp_data.c: interval 1 s,
 * timeout = interval, rise 1, fall 1).
 *
 * @param argv the script split into words
 * @param user run as this user (needs root); empty for the daemon's own user
 */
public record ScriptSettings(String name, List<String> argv, Duration interval, Duration timeout, int rise, int fall,
                             boolean initFail, String user) {
    public ScriptSettings {
        Objects.requireNonNull(name);
        argv = List.copyOf(argv);
        Objects.requireNonNull(user);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("vrrp_script " + name + " has no script");
        }
        if (!interval.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException("vrrp_script " + name + ": interval and timeout must be positive");
        }
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("vrrp_script " + name + ": rise and fall must be at least 1");
        }
    }

    public static ScriptSettings of(String name, String script, Duration interval) {
        return new ScriptSettings(name, CommandLine.split(script), interval, interval, 1, 1, false, "");
    }
}
