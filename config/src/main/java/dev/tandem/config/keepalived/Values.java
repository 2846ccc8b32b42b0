package dev.tandem.config.keepalived;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Value syntax shared by keepalived keywords: unsigned and signed integers, decimal seconds with
 * up to 6 decimals (keepalived's TIMER_HZ is 1,000,000), true/false words and IP literals. Parsing
 * only; the keyword reports the problem in its own words.
 */
final class Values {

    static final long MICROS_PER_SECOND = 1_000_000L;

    private Values() {}

    /** A decimal integer in [min, max], or empty. */
    static OptionalInt integer(String text, long min, long max) {
        if (text == null || text.isEmpty() || text.length() > 12) {
            return OptionalInt.empty();
        }
        int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        if (start == text.length()) {
            return OptionalInt.empty();
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        long value = Long.parseLong(text);
        return value < min || value > max ? OptionalInt.empty() : OptionalInt.of((int) value);
    }

    /**
     * Decimal seconds ({@code 1}, {@code 0.5}, {@code 2.25}) in microseconds, within [minMicros,
     * maxMicros], or empty.
     */
    static OptionalLong micros(String text, long minMicros, long maxMicros) {
        if (text == null || text.isEmpty() || text.length() > 20) {
            return OptionalLong.empty();
        }
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if ((whole.isEmpty() && fraction.isEmpty()) || fraction.length() > 6 || whole.length() > 12
                || !digits(whole) || !digits(fraction)) {
            return OptionalLong.empty();
        }
        long value = (whole.isEmpty() ? 0 : Long.parseLong(whole)) * MICROS_PER_SECOND;
        if (!fraction.isEmpty()) {
            value += Long.parseLong((fraction + "000000").substring(0, 6));
        }
        return value < minMicros || value > maxMicros ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** keepalived's check_true_false: true/on/yes, false/off/no; empty for anything else. */
    static Optional<Boolean> bool(String text) {
        return switch (text) {
            case "true", "on", "yes" -> Optional.of(true);
            case "false", "off", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * An IP address literal, never a name: a strict dotted quad, or an IPv6 literal. Name lookups
     * are never made while parsing.
     */
    static Optional<InetAddress> ip(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                    return Optional.empty();
                }
            }
            try {
                InetAddress address = Inet6Address.ofLiteral(text);
                return Optional.of(address);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            // inet_pton(3) as keepalived uses it: no leading zeros (they would read as octal elsewhere).
            if (parts[i].isEmpty() || parts[i].length() > 3 || !digits(parts[i])
                    || (parts[i].length() > 1 && parts[i].charAt(0) == '0')) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) octet;
        }
        try {
            return Optional.of(Inet4Address.getByAddress(bytes));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Centiseconds of a microsecond value, rounded to nearest. */
    static int centis(long micros) {
        return (int) ((micros + 5_000) / 10_000);
    }

    /** {@code 1}, {@code 0.5}, {@code 2.25}: seconds as keepalived prints them, without trailing zeros. */
    static String seconds(long micros) {
        String whole = Long.toString(micros / MICROS_PER_SECOND);
        long fraction = micros % MICROS_PER_SECOND;
        if (fraction == 0) {
            return whole;
        }
        String digits = String.format("%06d", fraction).replaceAll("0+$", "");
        return whole + "." + digits;
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
