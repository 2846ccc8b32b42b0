package dev.tandem.config.haproxy.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code server} line with {@code default-server} applied (configuration.txt §5.2).
 *
 * @param host an IP literal or a host name; the config never resolves names (init-addr says how);
 *        for a UNIX socket server, the address as written
 * @param port the port; empty means "same port as the client connected to" (and none for a UNIX socket)
 * @param weight 0..256, default 1
 * @param fromTemplate true when {@code server-template} generated it
 * @param unix the UNIX socket the server listens on ({@code /path}, {@code unix@}, {@code abns@}), instead
 *        of an IP address and port
 */
public record Server(String name, String host, OptionalInt port, ServerCheck check, int weight, boolean backup,
        boolean disabled, OptionalInt maxconn, OptionalInt maxqueue, SendProxy sendProxy,
        Optional<ServerTls> tls, List<String> initAddr, boolean fromTemplate, Origin origin, Optional<UnixAddress> unix) {

    public Server {
        initAddr = List.copyOf(initAddr);
    }

    /** A server on an IP address or host name. */
    public Server(String name, String host, OptionalInt port, ServerCheck check, int weight, boolean backup,
            boolean disabled, OptionalInt maxconn, OptionalInt maxqueue, SendProxy sendProxy, Optional<ServerTls> tls,
            List<String> initAddr, boolean fromTemplate, Origin origin) {
        this(name, host, port, check, weight, backup, disabled, maxconn, maxqueue, sendProxy, tls, initAddr,
                fromTemplate, origin, Optional.empty());
    }

    /** {@code send-proxy} / {@code send-proxy-v2}: the PROXY protocol header sent first. */
    public enum SendProxy {
        NONE,
        V1,
        V2
    }

    /**
     * Health-check settings of a server. Defaults: inter 2s, rise 2, fall 3; fastinter and
     * downinter fall back to inter; no observation, on-error fastinter, error-limit 10.
     *
     * @param port/addr where checks go instead of the server's address
     * @param observe {@code observe layer4|layer7}: errors on real traffic count against the server
     * @param onError {@code on-error}: what {@code errorLimit} consecutive observed errors do
     * @param errorLimit {@code error-limit}, at least 1
     * @param shutdownSessionsOnDown {@code on-marked-down shutdown-sessions}: kill the server's
     *     sessions when it goes down
     * @param shutdownBackupSessionsOnUp {@code on-marked-up shutdown-backup-sessions}: kill the
     *     backup servers' sessions when this one comes up
     */
    public record ServerCheck(boolean enabled, Duration inter, Optional<Duration> fastinter,
            Optional<Duration> downinter, int rise, int fall, OptionalInt port, Optional<String> addr,
            boolean sendProxy, boolean ssl, Observe observe, OnError onError, int errorLimit,
            boolean shutdownSessionsOnDown, boolean shutdownBackupSessionsOnUp) {

        public static final int DEFAULT_ERROR_LIMIT = 10;

        public static final ServerCheck DEFAULT = new ServerCheck(false, Duration.ofSeconds(2), Optional.empty(),
                Optional.empty(), 2, 3, OptionalInt.empty(), Optional.empty(), false, false);

        /** The settings before traffic observation was modelled: none, with haproxy's defaults. */
        public ServerCheck(boolean enabled, Duration inter, Optional<Duration> fastinter, Optional<Duration> downinter,
                int rise, int fall, OptionalInt port, Optional<String> addr, boolean sendProxy, boolean ssl) {
            this(enabled, inter, fastinter, downinter, rise, fall, port, addr, sendProxy, ssl, Observe.NONE,
                    OnError.FASTINTER, DEFAULT_ERROR_LIMIT, false, false);
        }
    }

    /** configuration.txt §5.2 "observe". */
    public enum Observe {
        NONE,
        LAYER4,
        LAYER7
    }

    /** configuration.txt §5.2 "on-error". */
    public enum OnError {
        FASTINTER,
        FAIL_CHECK,
        SUDDEN_DEATH,
        MARK_DOWN
    }

    /** {@code ssl [verify none|required] [ca-file f] [sni expr]} towards the server. */
    public record ServerTls(TlsVerify verify, Optional<String> caFile, Optional<SampleExpr> sni) {}
}
