package dev.tandem.proxy.tcp;

import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.log.LogClock;
import dev.tandem.proxy.rules.Fetches;
import dev.tandem.proxy.rules.TransactionView;
import dev.tandem.proxy.runtime.BackendRuntime;
import dev.tandem.proxy.runtime.FrontendRuntime;
import dev.tandem.proxy.runtime.ServerClaim;
import dev.tandem.proxy.tls.TlsFacts;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One relayed TCP connection and what "option tcplog" reports about it (configuration.txt §8.2.2). */
final class TcpStream implements TransactionView {

    final FrontendRuntime frontend;
    InetSocketAddress source;
    InetSocketAddress destination;
    final LogClock clock;
    final long acceptMillis;
    final long acceptNanos;
    BackendRuntime backend;
    BackendServer server;
    /** The stream's hold on its server; released (and %bc decremented) before the log line, as haproxy does. */
    ServerClaim claim;
    boolean countedOnBackend;
    boolean redispatched;
    boolean connectTimedOut;
    /** When the stream last left server selection (assigned, or its queue wait ended): %Tw ends, %Tc starts. */
    long queueExitNanos = -1;
    long connectStartNanos = -1;
    long connectedNanos = -1;
    long endNanos = -1;
    long bytesOut;
    long bytesIn;
    int retries;
    char who = '-';
    char phase = '-';
    /** The client connection's TLS, known once its handshake is done. */
    TlsFacts tls = TlsFacts.NONE;
    private final Map<String, String> vars = new HashMap<>();

    TcpStream(FrontendRuntime frontend, InetSocketAddress source, InetSocketAddress destination, LogClock clock) {
        this.frontend = frontend;
        this.source = source;
        this.destination = destination;
        this.clock = clock;
        this.acceptMillis = clock.millis();
        this.acceptNanos = clock.nanos();
    }

    void terminate(char who, char phase) {
        if (this.who == '-') {
            this.who = who;
            this.phase = phase;
        }
    }

    private static long ms(long from, long to) {
        return from < 0 || to < 0 ? -1 : Math.max(0, (to - from) / 1_000_000);
    }

    @Override
    public String logAlias(String alias) {
        long end = endNanos < 0 ? clock.nanos() : endNanos;
        return switch (alias) {
            case "ci" -> Fetches.ip(source);
            case "cp" -> Integer.toString(source.getPort());
            case "fi" -> Fetches.ip(destination);
            case "fp" -> Integer.toString(destination.getPort());
            case "ft" -> tls.frontendLabel(frontend.name());
            case "f" -> frontend.name();
            case "sslv" -> tls.fetch("ssl_fc_protocol", List.of());
            case "sslc" -> tls.fetch("ssl_fc_cipher", List.of());
            case "b" -> backend == null ? frontend.name() : backend.name();
            case "s" -> server == null ? "<NOSRV>" : server.name();
            case "t", "tr" -> clock.haproxyDate(acceptMillis);
            case "Ts" -> Long.toString(acceptMillis / 1000);
            case "ms" -> String.format("%03d", acceptMillis % 1000);
            case "Tw" -> Long.toString(ms(acceptNanos, queueExitNanos));
            case "Tc" -> Long.toString(ms(connectStartNanos, connectedNanos));
            case "Tt", "Ta" -> Long.toString(ms(acceptNanos, end));
            case "Th" -> "0";
            case "Td" -> connectedNanos < 0 ? "-1" : Long.toString(ms(connectedNanos, end));
            case "B" -> Long.toString(bytesOut);
            case "U" -> Long.toString(bytesIn);
            case "ts" -> "" + who + phase;
            case "tsc" -> "" + who + phase + "--";
            case "ac" -> Integer.toString(frontend.processConnections().get());
            case "fc" -> Integer.toString(frontend.connections().get());
            case "bc" -> backend == null ? "0" : Integer.toString(backend.streams().get());
            case "sc" -> server == null ? "0" : Integer.toString(backend.state().sessions(server));
            case "rc" -> (redispatched ? "+" : "") + retries;
            case "sq" -> claim == null ? "0" : Long.toString(claim.serverQueuePosition());
            case "bq" -> claim == null ? "0" : Long.toString(claim.backendQueuePosition());
            case "pid" -> Long.toString(ProcessHandle.current().pid());
            default -> null;
        };
    }

    @Override
    public InetSocketAddress source() {
        return source;
    }

    @Override
    public InetSocketAddress destination() {
        return destination;
    }

    @Override
    public String frontend() {
        return frontend.name();
    }

    @Override
    public String backend() {
        return backend == null ? null : backend.name();
    }

    @Override
    public String server() {
        return server == null ? null : server.name();
    }

    @Override
    public String method() {
        return null;
    }

    @Override
    public String uri() {
        return null;
    }

    @Override
    public String version() {
        return null;
    }

    @Override
    public List<Map.Entry<String, String>> requestHeaders() {
        return List.of();
    }

    @Override
    public int status() {
        return 0;
    }

    @Override
    public List<Map.Entry<String, String>> responseHeaders() {
        return List.of();
    }

    @Override
    public TlsFacts tls() {
        return tls;
    }

    @Override
    public Map<String, String> vars() {
        return vars;
    }
}
