package dev.tandem.proxy;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.proxy.h2.H2Limits;
import dev.tandem.proxy.h2.ProtocolSwitch;
import dev.tandem.proxy.check.StateChangeLine;
import dev.tandem.proxy.check.run.HealthChecker;
import dev.tandem.proxy.http.HttpFrontend;
import dev.tandem.proxy.http.ServerPools;
import dev.tandem.proxy.lb.ServerSnapshot;
import dev.tandem.proxy.listen.Listener;
import dev.tandem.proxy.listen.UnixPeer;
import dev.tandem.proxy.log.AccessLog;
import dev.tandem.proxy.log.LogSink;
import dev.tandem.proxy.log.StreamSink;
import dev.tandem.proxy.log.SyslogFrame;
import dev.tandem.proxy.log.UdpSyslogSink;
import dev.tandem.proxy.log.UnixDatagramSink;
import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.model.Bind;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.model.LogTarget;
import dev.tandem.proxy.model.Mode;
import dev.tandem.proxy.model.ModelCompiler;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.proxy.model.ProxyModel;
import dev.tandem.proxy.model.Server;
import dev.tandem.proxy.runtime.BackendRuntime;
import dev.tandem.proxy.runtime.FrontendRuntime;
import dev.tandem.proxy.tcp.TcpSession;
import dev.tandem.proxy.tls.HandshakeErrorLog;
import dev.tandem.proxy.tls.ServerTlsContext;
import dev.tandem.proxy.tls.TlsBind;
import dev.tandem.proxy.tls.TlsEngine;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data plane of one configuration: epoll event loops (one per core unless {@code nbthread}),
 * every listener bound up front, each client connection and its server connections on one loop.
 */
public final class ProxyServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final List<Listener> listeners;
    private final List<LogSink> sinks;
    private final List<FrontendRuntime> frontends;
    private final Map<String, BackendRuntime> backends;
    private final List<TlsBind> tlsBinds;
    private final List<String> warnings;
    private final ClientConnections clients;
    private final ServerPools pools;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ProxyServer(EventLoopGroup group, List<Listener> listeners, List<LogSink> sinks,
            List<FrontendRuntime> frontends, Map<String, BackendRuntime> backends, List<TlsBind> tlsBinds,
            List<String> warnings, ClientConnections clients, ServerPools pools) {
        this.group = group;
        this.clients = clients;
        this.pools = pools;
        this.listeners = listeners;
        this.sinks = sinks;
        this.frontends = frontends;
        this.tlsBinds = tlsBinds;
        this.warnings = List.copyOf(warnings);
        this.backends = backends;
    }

    /** Binds every listener (haproxy-style error naming proxy and address on failure), then serves. */
    public static ProxyServer start(HaproxyConfig config, ProxyOptions options) throws ProxyStartException {
        return switch (ModelCompiler.compile(config)) {
            case ModelCompiler.Result.Failed f -> throw new ProxyStartException(f.errors());
            case ModelCompiler.Result.Ok ok -> start(ok.model(),
                    options.nbthread() == 0 && ok.nbthread() > 0 ? options.withThreads(ok.nbthread()) : options);
        };
    }

    /** As {@link #start(HaproxyConfig, ProxyOptions)} for a model built directly (tests, tools). */
    public static ProxyServer start(ProxyModel model, ProxyOptions options) throws ProxyStartException {
        int threads = options.nbthread() > 0 ? options.nbthread() : Runtime.getRuntime().availableProcessors();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
        List<LogSink> sinks = new ArrayList<>();
        List<Listener> listeners = new CopyOnWriteArrayList<>();
        List<FrontendRuntime> runtimes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<TlsKey, TlsBind.Prepared> tlsBinds = new LinkedHashMap<>();
        Map<String, BackendRuntime> backends = new LinkedHashMap<>();
        ClientConnections clients = new ClientConnections();
        try {
            TlsEngine tlsEngine = options.jdkTls() ? TlsEngine.jdk() : TlsEngine.detect();
            Map<String, LogSink> sinkByAddress = new HashMap<>();
            SyslogFrame frame = new SyslogFrame("haproxy", ProcessHandle.current().pid(), options.hostname(),
                    options.clock().zone());
            StreamSink console = new StreamSink(options.console(), "console");
            sinks.add(console);
            Random seeds = new Random();
            HealthChecker.Options checks = HealthChecker.Options.defaults().withClock(options.clock().wall())
                    .withSpread(model.spreadChecks(), model.maxSpreadChecks());
            for (Backend b : model.backends().values()) {
                AccessLog log = new AccessLog(routes(b.logging().targets(), group, sinkByAddress, sinks), frame,
                        options.clock().wall());
                BackendRuntime be = new BackendRuntime(b, serverTls(b, tlsEngine, errors, warnings),
                        new Random(seeds.nextLong()), options.clock(), line -> announce(line, log, console));
                backends.put(b.name(), be);
                try {
                    be.startChecks(group, checks);
                } catch (IllegalArgumentException e) {
                    errors.add("Proxy '" + b.name() + "': " + e.getMessage());
                }
            }
            AtomicInteger actconn = new AtomicInteger();
            List<Gate> gates = new CopyOnWriteArrayList<>();
            ServerPools pools = HttpFrontend.newPools();
            for (Frontend f : model.frontends()) {
                AccessLog log = new AccessLog(routes(f.logging().targets(), group, sinkByAddress, sinks), frame,
                        options.clock().wall());
                Runnable gate = model.maxconn() <= 0 && f.maxconn() <= 0 ? () -> { }
                        : () -> gates.forEach(Gate::apply);
                FrontendRuntime fr = new FrontendRuntime(f, backends, actconn, log, gate);
                runtimes.add(fr);
                HttpFrontend http = f.mode() == Mode.HTTP ? new HttpFrontend(fr, options.clock(), pools) : null;
                for (int i = 0; i < f.binds().size(); i++) {
                    Bind b = f.binds().get(i);
                    TlsBind tls = b.tls().isEmpty() ? null
                            : tlsBind(f, b, model, tlsEngine, tlsBinds, errors, warnings);
                    if (b.tls().isPresent() && tls == null) {
                        continue;
                    }
                    // haproxy names the socket in its handshake error lines: the bind's name, else its number
                    String label = f.name() + "/" + b.name().orElse(Integer.toString(b.id()));
                    // haproxy 2.6.12 writes handshake errors only for a frontend with a log format
                    boolean logErrors = tls != null && log.enabled() && f.logging().format() != null;
                    ChannelInitializer<SocketChannel> init = new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            clients.add(ch);
                            if (b.acceptProxy()) {
                                ch.pipeline().addLast("proxy-protocol", new HAProxyMessageDecoder());
                            }
                            if (tls != null) {
                                // after the PROXY header, which comes before the TLS hello
                                ch.pipeline().addLast("tls", tls.newHandler());
                                if (logErrors) {
                                    ch.pipeline().addLast("tls-errors", new HandshakeErrorLog(label,
                                            f.logging().dontLogNull(), options.clock(), log::info));
                                }
                            }
                            if (http != null) {
                                // after TLS when the bind has it: ALPN or the HTTP/2 preface picks the protocol
                                ch.pipeline().addLast("protocol", new ProtocolSwitch(http, b.proto(), H2Limits.DEFAULTS));
                            } else {
                                ch.pipeline().addLast("session", new TcpSession(fr, options.clock(), b.acceptProxy()));
                            }
                        }
                    };
                    try {
                        // an HTTP frontend's protocol switch reads as soon as the connection is active
                        Listener l = Listener.open(b, f.name(), group, http != null, init);
                        listeners.add(l);
                        gates.add(new Gate(l, fr, f.maxconn(), actconn, model.maxconn()));
                    } catch (Listener.BindException e) {
                        errors.add(e.getMessage());
                    }
                }
            }
            if (!errors.isEmpty()) {
                errors.add("Some protocols failed to start their listeners! Exiting.");
                throw new ProxyStartException(errors);
            }
            List<TlsBind> built = tlsBinds.values().stream().flatMap(p -> p.bind().stream()).toList();
            return new ProxyServer(group, listeners, sinks, runtimes, backends, built, warnings, clients, pools);
        } catch (ProxyStartException e) {
            backends.values().forEach(BackendRuntime::close);
            shutdown(group, listeners, sinks);
            closeTls(tlsBinds);
            throw e;
        } catch (RuntimeException e) {
            backends.values().forEach(BackendRuntime::close);
            shutdown(group, listeners, sinks);
            closeTls(tlsBinds);
            errors.add("cannot start the proxy: " + e.getMessage());
            throw new ProxyStartException(errors);
        }
    }

    /** One TLS context set per distinct bind TLS configuration; several sockets of a bind line share it. */
    private record TlsKey(BindTls tls, List<String> served, long handshakeMillis) {}

    /**
     * The bind's TLS, built once per distinct configuration. Certificate problems are start errors
     * naming the bind line and the file (an expired certificate is only a warning, as in haproxy).
     */
    private static TlsBind tlsBind(Frontend f, Bind b, ProxyModel model, TlsEngine engine,
            Map<TlsKey, TlsBind.Prepared> built, List<String> errors, List<String> warnings) {
        BindTls tls = b.tls().orElseThrow();
        long handshake = f.timeouts().client() > 0 ? f.timeouts().client() : 10_000;
        TlsKey key = new TlsKey(tls, servedProtocols(f, b, tls), handshake);
        TlsBind.Prepared p = built.get(key);
        boolean first = p == null;
        if (first) {
            p = TlsBind.prepare(tls, model.sslDefaults(), engine, key.served(), Duration.ofMillis(handshake),
                    Clock.systemUTC());
            built.put(key, p);
        }
        String where = "Binding [" + b.source() + "] for proxy " + f.name() + ": ";
        for (Diagnostic d : p.diagnostics()) {
            String line = where + describe(d);
            if (d.isError() && !errors.contains(line)) {
                errors.add(line);
            } else if (!d.isError() && first) {
                warnings.add(line);
            }
        }
        return p.bind().orElse(null);
    }

    /**
     * What ALPN may offer on an {@code ssl} bind: what the frontend's pipeline serves (HTTP/2 and
     * HTTP/1.1 unless the bind's {@code proto} says otherwise). A TCP frontend relays whatever was
     * negotiated, so it offers exactly the bind's {@code alpn}.
     */
    private static List<String> servedProtocols(Frontend f, Bind b, BindTls tls) {
        return f.mode() == Mode.HTTP ? b.proto().served() : tls.alpn();
    }

    /** The TLS contexts of a backend's {@code server ... ssl} lines; a server that cannot have one is a start error. */
    private static Map<String, ServerTlsContext> serverTls(Backend b, TlsEngine engine, List<String> errors,
            List<String> warnings) {
        Map<String, ServerTlsContext> out = new HashMap<>();
        for (Server s : b.servers()) {
            if (s.tls().isEmpty()) {
                continue;
            }
            var t = s.tls().get();
            ServerTlsContext.Prepared p = ServerTlsContext.prepare(s.name(), t.settings(), engine, t.file(), t.line());
            for (Diagnostic d : p.diagnostics()) {
                String line = "Proxy '" + b.name() + "' (" + d.file() + ":" + d.line() + "): " + describe(d);
                (d.isError() ? errors : warnings).add(line);
            }
            p.context().ifPresent(c -> out.put(s.name(), c));
        }
        return out;
    }

    /** A diagnostic's message with where in a crt-list it points and its hint, for a one-line start message. */
    private static String describe(Diagnostic d) {
        StringBuilder m = new StringBuilder(d.isError() ? "" : d.severity().label() + ": ").append(d.message());
        if (d.line() > 0 && !d.message().contains(d.file() + ":")) {
            m.append(" (").append(d.file()).append(':').append(d.line()).append(')');
        }
        if (d.hint() != null) {
            m.append(" (hint: ").append(d.hint()).append(')');
        }
        return m.toString();
    }

    private static void closeTls(Map<TlsKey, TlsBind.Prepared> built) {
        built.values().forEach(p -> p.bind().ifPresent(TlsBind::close));
    }

    /** Start-up warnings (an expired certificate, a cipher the TLS engine does not know...), one line each. */
    public List<String> warnings() {
        return warnings;
    }

    private static List<AccessLog.Route> routes(List<LogTarget> targets, EventLoopGroup group,
            Map<String, LogSink> sinkByAddress, List<LogSink> sinks) {
        List<AccessLog.Route> routes = new ArrayList<>();
        for (LogTarget t : targets) {
            LogSink sink = sinkByAddress.get(t.address());
            if (sink == null) {
                sink = openSink(t, group);
                sinkByAddress.put(t.address(), sink);
                sinks.add(sink);
            }
            routes.add(new AccessLog.Route(t, sink));
        }
        return routes;
    }

    /**
     * A server or backend state change goes where haproxy 2.6 sends it: the backend's log targets
     * at the line's level (send_log), and stderr as haproxy's ha_warning/ha_alert print it:
     * {@code [WARNING]  (pid) : Server be/s1 is DOWN, ...} (errors.c print_message).
     */
    private static void announce(StateChangeLine line, AccessLog log, LogSink console) {
        log.log(line.level().code(), line.text());
        String label = "[" + line.console().name() + "]";
        console.send(label + " ".repeat(Math.max(0, 10 - label.length())) + " (" + ProcessHandle.current().pid()
                + ") : " + line.consoleText());
    }

    /**
     * Whether one listener may accept: its frontend is under its maxconn and the process under the
     * global maxconn (configuration.txt "maxconn"); when not, accepting pauses, never refuses.
     */
    private record Gate(Listener listener, FrontendRuntime frontend, int frontendMax, AtomicInteger actconn,
            int globalMax) {
        void apply() {
            boolean open = (frontendMax <= 0 || frontend.connections().get() < frontendMax)
                    && (globalMax <= 0 || actconn.get() < globalMax);
            listener.accepting(open);
        }
    }

    private static LogSink openSink(LogTarget t, EventLoopGroup group) {
        String a = t.address();
        if (a.equals("stdout")) {
            return new StreamSink(System.out, "stdout");
        }
        if (a.equals("stderr")) {
            return new StreamSink(System.err, "stderr");
        }
        if (a.startsWith("/")) {
            return new UnixDatagramSink(group, a);
        }
        int colon = a.lastIndexOf(':');
        String host = colon < 0 ? a : a.substring(0, colon);
        int port = colon < 0 ? 514 : Integer.parseInt(a.substring(colon + 1));
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new UdpSyslogSink(group, new InetSocketAddress(java.net.InetAddress.ofLiteral(host), port));
    }

    /** The IP addresses and ports listened on, in bind order; UNIX socket listeners are not among them. */
    public List<InetSocketAddress> boundAddresses() {
        return listeners.stream().map(Listener::address).filter(a -> !UnixPeer.is(a)).toList();
    }

    /**
     * A read-only reading of one backend's servers (status UP/DOWN/MAINT/DRAIN, weights, sessions,
     * queues, last check), as the stats page and the runtime API will show it; empty when the
     * backend does not exist.
     */
    public Optional<List<ServerSnapshot>> backendState(String backend) {
        BackendRuntime be = backends.get(backend);
        return be == null ? Optional.empty() : Optional.of(be.state().snapshots());
    }

    /** Requests waiting in a backend's queues (its own and its servers'), for tests and stats. */
    public int queued(String backend) {
        BackendRuntime be = backends.get(backend);
        if (be == null) {
            return 0;
        }
        return be.state().backendQueueLength()
                + be.state().servers().stream().mapToInt(s -> be.state().queueLength(s)).sum();
    }

    /** The event loops, for tests that need them busy at a given moment. */
    EventLoopGroup eventLoops() {
        return group;
    }

    /** Live connection count of a frontend (%fc), for tests and stats. */
    public int connections(String frontend) {
        return frontends.stream().filter(f -> f.name().equals(frontend)).mapToInt(f -> f.connections().get()).sum();
    }

    /**
     * Stops listening, lets in-flight requests finish briefly, then closes what is left: client
     * connections first (their sessions close their server connections), then idle server
     * connections, then the loops. The connections are closed on their loops before the loops stop
     * (see {@link ClientConnections} for why Netty's shutdown is not left to do it). A second call
     * does nothing.
     */
    @Override
    public void close() {
        stop(() -> { });
    }

    /** {@link #close()}, running {@code beforeLoopsStop} just before the loops are shut down (tests keep them busy there). */
    void stop(Runnable beforeLoopsStop) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        for (Listener l : listeners) {
            l.close();
        }
        awaitNoConnection(Duration.ofMillis(500));
        clients.closeAll(Duration.ofSeconds(5));
        awaitNoConnection(Duration.ofSeconds(2));
        pools.closeAll(Duration.ofSeconds(2));
        backends.values().forEach(BackendRuntime::close);
        beforeLoopsStop.run();
        shutdown(group, List.of(), sinks);
        tlsBinds.forEach(TlsBind::close);
    }

    /** Until every frontend counts no connection (a session counts down when it has ended), or {@code wait}. */
    private void awaitNoConnection(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline && frontends.stream().anyMatch(f -> f.connections().get() > 0)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void shutdown(EventLoopGroup group, List<Listener> listeners, List<LogSink> sinks) {
        for (Listener l : listeners) {
            l.close();
        }
        for (LogSink s : sinks) {
            s.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
