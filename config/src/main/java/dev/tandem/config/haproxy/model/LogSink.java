package dev.tandem.config.haproxy.model;

/** Where log lines go. Hosts are IP literals; names are never resolved by the config. */
public sealed interface LogSink {

    record Stdout() implements LogSink {}

    record Stderr() implements LogSink {}

    /** A unix datagram socket such as /dev/log. */
    record UnixSocket(String path) implements LogSink {}

    /** Syslog over UDP; port 514 when the config gave none. */
    record Udp(String host, int port, AddressFamily family) implements LogSink {}
}
