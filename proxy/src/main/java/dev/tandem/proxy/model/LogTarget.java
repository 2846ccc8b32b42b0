package dev.tandem.proxy.model;

/**
 * A "log" line: where log lines go. {@code address} is "host:port" for UDP, a path for a unix
 * datagram socket, or "stdout"/"stderr".
 *
 * @param maxLevel messages less severe than this syslog level (a higher code) are not sent
 *     (configuration.txt §3.1 "log ... [max level]"); 7 (debug) sends everything
 * @param minLevel messages more severe than this level are capped to it ("log ... [min level]");
 *     0 (emerg) leaves them as they are
 */
public record LogTarget(String address, int facility, Format format, int maxLevel, int minLevel) {

    /** The "format" argument of a log target (configuration.txt "log"). */
    public enum Format { RFC3164, RFC5424, RAW, SHORT }

    /** local0, the facility of the article. */
    public static final int LOCAL0 = 16;

    /** A target without level filters. */
    public LogTarget(String address, int facility, Format format) {
        this(address, facility, format, 7, 0);
    }

    public static LogTarget stdout() {
        return new LogTarget("stdout", LOCAL0, Format.RAW);
    }

    /** The level a message of {@code level} is sent with, or -1 when this target drops it. */
    public int levelFor(int level) {
        return level > maxLevel ? -1 : Math.max(level, minLevel);
    }
}
