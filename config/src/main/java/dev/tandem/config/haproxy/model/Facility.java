package dev.tandem.config.haproxy.model;

/** The 24 syslog facilities, in code order (RFC 5424 §6.2.1). */
public enum Facility {
    KERN, USER, MAIL, DAEMON, AUTH, SYSLOG, LPR, NEWS, UUCP, CRON, AUTH2, FTP, NTP, AUDIT, ALERT, CRON2,
    LOCAL0, LOCAL1, LOCAL2, LOCAL3, LOCAL4, LOCAL5, LOCAL6, LOCAL7;

    public int code() {
        return ordinal();
    }

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
