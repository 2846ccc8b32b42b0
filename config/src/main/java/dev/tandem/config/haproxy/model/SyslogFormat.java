package dev.tandem.config.haproxy.model;

/** {@code format} of a log target; rfc3164 is the default. */
public enum SyslogFormat {
    RFC3164,
    RFC5424,
    RAW,
    SHORT,
    TIMED,
    ISO,
    LOCAL;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
