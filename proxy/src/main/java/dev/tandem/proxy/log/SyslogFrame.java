package dev.tandem.proxy.log;

import dev.tandem.proxy.model.LogTarget;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Wraps a log line in the header its target's format asks for. Pure: time, zone, pid and host
 * are given. Layouts follow haproxy 2.6 ("log ... format", configuration.txt §3.1): rfc3164 is
 * {@code <PRI>Mmm dd HH:MM:SS tag[pid]: msg} (no hostname, as haproxy sends it), rfc5424 is
 * {@code <PRI>1 TIMESTAMP host tag pid - - msg}, short is {@code <PRI>msg}, raw is the message.
 */
public record SyslogFrame(String tag, long pid, String hostname, ZoneId zone) {

    /** Level info (RFC 5424 §6.2.1 severity 6): haproxy logs traffic at info. */
    public static final int INFO = 6;

    private static final DateTimeFormatter RFC3164 = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter RFC5424 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx",
            Locale.ENGLISH);

    public String frame(LogTarget.Format format, int facility, int level, Instant time, String message) {
        int pri = facility * 8 + level;
        ZonedDateTime t = time.atZone(zone);
        return switch (format) {
            case RAW -> message;
            case SHORT -> "<" + level + ">" + message;
            case RFC3164 -> "<" + pri + ">" + RFC3164.format(t) + " " + tag + "[" + pid + "]: " + message;
            case RFC5424 -> "<" + pri + ">1 " + RFC5424.format(t) + " " + hostname + " " + tag + " " + pid + " - - "
                    + message;
        };
    }
}
