package dev.tandem.proxy.check.run;

import java.time.Duration;
import java.util.Optional;

/**
 * How long one check may take (configuration.txt "timeout check"): with {@code timeout check}
 * set, connecting may take min({@code timeout connect}, {@code inter}) and, once connected, the
 * rest of the check {@code timeout check}; without it, the whole check (connect and read) is
 * bounded by {@code inter}.
 *
 * @param connect the limit of the connect phase, counted from the start of the check
 * @param afterConnect the limit of the rest, counted from the connect; empty when the connect
 *     limit bounds the whole check
 */
record CheckTimeouts(Duration connect, Optional<Duration> afterConnect) {

    static CheckTimeouts of(Optional<Duration> timeoutCheck, Optional<Duration> timeoutConnect, Duration inter) {
        if (timeoutCheck.isEmpty()) {
            return new CheckTimeouts(inter, Optional.empty());
        }
        Duration connect = timeoutConnect.filter(c -> c.compareTo(inter) < 0).orElse(inter);
        return new CheckTimeouts(connect, timeoutCheck);
    }
}
