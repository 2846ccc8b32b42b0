package dev.tandem.proxy.check;

import dev.tandem.config.haproxy.model.Server;
import java.time.Duration;

/**
 * A server's check timing (configuration.txt §5.2 "inter", "fastinter", "downinter", "rise",
 * "fall"): defaults inter 2000ms, rise 2, fall 3; fastinter and downinter default to inter.
 */
public record CheckSettings(Duration inter, Duration fastinter, Duration downinter, int rise, int fall) {

    public static final CheckSettings DEFAULT = new CheckSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(2), 2, 3);

    public CheckSettings {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1, got rise " + rise + " fall " + fall);
        }
        if (inter.isNegative() || inter.isZero()) {
            throw new IllegalArgumentException("inter must be positive, got " + inter);
        }
    }

    public static CheckSettings of(Server.ServerCheck check) {
        return new CheckSettings(check.inter(), check.fastinter().orElse(check.inter()),
                check.downinter().orElse(check.inter()), check.rise(), check.fall());
    }
}
