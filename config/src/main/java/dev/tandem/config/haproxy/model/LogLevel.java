package dev.tandem.config.haproxy.model;

/** Syslog severities, in code order (RFC 5424 §6.2.1). */
public enum LogLevel {
    EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG;

    public int code() {
        return ordinal();
    }

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
