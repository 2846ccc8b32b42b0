package dev.tandem.config.haproxy.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The merged {@code global} sections.
 *
 * @param maxconn empty means haproxy's default (derived from the fd limit)
 * @param h1DoNotCloseOnInsecureTransferEncoding keep the connection after a request with both
 *        Content-Length and Transfer-Encoding (haproxy closes it by default)
 */
public record Global(List<LogTarget> logs, OptionalInt maxconn, OptionalInt nbthread, boolean daemon,
        Optional<String> user, Optional<String> group, Optional<String> chroot, Optional<String> pidfile,
        List<StatsSocket> statsSockets, Tune tune, SslDefaults sslDefaults,
        boolean h1DoNotCloseOnInsecureTransferEncoding) {

    public Global {
        logs = List.copyOf(logs);
        statsSockets = List.copyOf(statsSockets);
    }
}
