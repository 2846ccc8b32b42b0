package dev.tandem.config.haproxy.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The merged {@code global} sections.
 *
 * @param maxconn empty means haproxy's default (derived from the fd limit)
 * @param h1DoNotCloseOnInsecureTransferEncoding keep the connection after a request with both
 *        Content-Length and Transfer-Encoding (haproxy closes it by default)
 * @param spreadChecks {@code spread-checks}: 0..50 percent of random spread of check intervals (0 by default)
 * @param maxSpreadChecks {@code max-spread-checks}: caps the spread of the first checks; empty when unset
 */
public record Global(List<LogTarget> logs, OptionalInt maxconn, OptionalInt nbthread, boolean daemon,
        Optional<String> user, Optional<String> group, Optional<String> chroot, Optional<String> pidfile,
        List<StatsSocket> statsSockets, Tune tune, SslDefaults sslDefaults,
        boolean h1DoNotCloseOnInsecureTransferEncoding, int spreadChecks, Optional<Duration> maxSpreadChecks) {

    public Global {
        logs = List.copyOf(logs);
        statsSockets = List.copyOf(statsSockets);
    }

    /** The components before check spreading was modelled. */
    public Global(List<LogTarget> logs, OptionalInt maxconn, OptionalInt nbthread, boolean daemon, Optional<String> user,
            Optional<String> group, Optional<String> chroot, Optional<String> pidfile, List<StatsSocket> statsSockets,
            Tune tune, SslDefaults sslDefaults, boolean h1DoNotCloseOnInsecureTransferEncoding) {
        this(logs, maxconn, nbthread, daemon, user, group, chroot, pidfile, statsSockets, tune, sslDefaults,
                h1DoNotCloseOnInsecureTransferEncoding, 0, Optional.empty());
    }
}
