package dev.tandem.proxy.log;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Wall time for log dates and a monotonic source for durations, both injected so log lines are
 * reproducible in tests. Dates follow configuration.txt §8.2.3: {@code %tr} is
 * {@code dd/Mon/yyyy:HH:MM:SS.mmm} in local time.
 */
public record LogClock(Clock wall, LongSupplier nanoTime) {

    private static final DateTimeFormatter HAPROXY = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS",
            Locale.ENGLISH);
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    public static LogClock system() {
        return new LogClock(Clock.systemDefaultZone(), System::nanoTime);
    }

    public long millis() {
        return wall.millis();
    }

    public long nanos() {
        return nanoTime.getAsLong();
    }

    public ZoneId zone() {
        return wall.getZone();
    }

    public String haproxyDate(long epochMillis) {
        return HAPROXY.format(Instant.ofEpochMilli(epochMillis).atZone(wall.getZone()));
    }

    public String clfDate(long epochMillis, boolean utc) {
        return CLF.format(Instant.ofEpochMilli(epochMillis).atZone(utc ? ZoneId.of("UTC") : wall.getZone()));
    }
}
