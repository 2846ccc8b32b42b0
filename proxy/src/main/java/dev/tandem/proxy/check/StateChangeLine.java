package dev.tandem.proxy.check;

import dev.tandem.config.haproxy.model.LogLevel;

/**
 * One state-change message and where haproxy 2.6 sends it: to the proxy's log targets at
 * {@code level} (send_log) and to stderr as {@code [WARNING]} or {@code [ALERT]} (ha_warning,
 * ha_alert), with the text stderr shows (server.c srv_update_status, backend.c set_backend_down,
 * check.c set_server_check_status).
 *
 * @param text the log message, ending with haproxy's period and no newline
 * @param level the syslog level of the log message
 * @param console whether stderr shows it as a warning or an alert
 * @param consoleText the stderr message (differs from {@code text} only for "no server available")
 */
public record StateChangeLine(String text, LogLevel level, Console console, String consoleText) {

    /** The label haproxy prints on stderr. */
    public enum Console {
        WARNING,
        ALERT
    }

    /** A line haproxy logs at {@code level} and prints as a [WARNING] with the same text. */
    public static StateChangeLine warning(String text, LogLevel level) {
        return new StateChangeLine(text, level, Console.WARNING, text);
    }
}
