package dev.tandem.config.haproxy;

import java.time.Duration;

/**
 * haproxy's time values (configuration.txt §2.5): an integer with an optional unit us, ms
 * (the default), s, m, h or d. Values must fit in 2^31-1 milliseconds, as in haproxy.
 */
final class TimeFormat {

    static final long MAX_MILLIS = Integer.MAX_VALUE;

    private TimeFormat() {}

    /** The duration, or null with {@code why[0]} set to the reason. */
    static Duration parse(String text, String[] why) {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0) {
            why[0] = "invalid time value '" + text + "': expected a number with an optional unit (us, ms, s, m, h, d)";
            return null;
        }
        if (i > 12) {
            why[0] = "time value '" + text + "' is too large; the maximum is " + MAX_MILLIS + "ms (about 24.8 days)";
            return null;
        }
        long n = Long.parseLong(text.substring(0, i));
        String unit = text.substring(i);
        long micros = switch (unit) {
            case "us" -> n;
            case "", "ms" -> n * 1_000L;
            case "s" -> n * 1_000_000L;
            case "m" -> n * 60_000_000L;
            case "h" -> n * 3_600_000_000L;
            case "d" -> n * 86_400_000_000L;
            default -> -1;
        };
        if (micros < 0) {
            why[0] = "invalid time unit '" + unit + "' in '" + text + "'; known units are us, ms, s, m, h and d";
            return null;
        }
        if (micros / 1000 > MAX_MILLIS) {
            why[0] = "time value '" + text + "' is too large; the maximum is " + MAX_MILLIS + "ms (about 24.8 days)";
            return null;
        }
        return Duration.ofNanos(micros * 1000L);
    }
}
