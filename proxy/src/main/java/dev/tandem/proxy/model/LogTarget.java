package dev.tandem.proxy.model;

/**
 * A "log" line: where log lines go. {@code address} is "host:port" for UDP, a path for a unix
 * datagram socket, or "stdout"/"stderr".
 */
public record LogTarget(String address, int facility, Format format) {

    /** The "format" argument of a log target (configuration.txt "log"). */
    public enum Format { RFC3164, RFC5424, RAW, SHORT }

    /** local0, the facility of the article. */
    public static final int LOCAL0 = 16;

    public static LogTarget stdout() {
        return new LogTarget("stdout", LOCAL0, Format.RAW);
    }
}
