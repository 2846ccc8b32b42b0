package dev.tandem.config.haproxy.model;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code timeout ...} values; empty means not set (haproxy then waits forever, or falls back as
 * configuration.txt §4.2 says: http-keep-alive to http-request, queue to connect, tunnel to
 * client/server, *-fin to client/server).
 */
public record Timeouts(Optional<Duration> connect, Optional<Duration> client, Optional<Duration> server,
        Optional<Duration> httpRequest, Optional<Duration> httpKeepAlive, Optional<Duration> queue,
        Optional<Duration> tunnel, Optional<Duration> check, Optional<Duration> clientFin,
        Optional<Duration> serverFin) {

    public static final Timeouts NONE = new Timeouts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** The wait for the next request on an idle client connection. */
    public Optional<Duration> effectiveHttpKeepAlive() {
        return httpKeepAlive.or(() -> httpRequest);
    }

    public Optional<Duration> effectiveQueue() {
        return queue.or(() -> connect);
    }
}
