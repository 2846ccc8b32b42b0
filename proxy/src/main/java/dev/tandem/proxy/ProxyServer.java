package dev.tandem.proxy;

import dev.tandem.proxy.check.StateChangeLine;
import dev.tandem.proxy.check.run.HealthChecker;
import dev.tandem.proxy.http.HttpFrontend;
import dev.tandem.proxy.lb.ServerSnapshot;
import dev.tandem.proxy.listen.Listener;
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
import dev.tandem.proxy.runtime.BackendRuntime;
import dev.tandem.proxy.runtime.FrontendRuntime;
import dev.tandem.proxy.tcp.TcpSession;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

    private ProxyServer(EventLoopGroup group, List<Listener> listeners, List<LogSink> sinks,
            List<FrontendRuntime> frontends, Map<String, BackendRuntime> backends) {
        this.group = group;
        this.listeners = listeners;
        this.sinks = sinks;
        this.frontends = frontends;
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
        Map<String, BackendRuntime> backends = new LinkedHashMap<>();
        try {
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
                BackendRuntime be = new BackendRuntime(b, new Random(seeds.nextLong()), options.clock(),
                        line -> announce(line, log, console));
                backends.put(b.name(), be);
                try {
                    be.startChecks(group, checks);
                } catch (IllegalArgumentException e) {
                    errors.add("Proxy '" + b.name() + "': " + e.getMessage());
                }
            }
            AtomicInteger actconn = new AtomicInteger();
            List<Gate> gates = new CopyOnWriteArrayList<>();
            var pools = HttpFrontend.newPools();
            for (Frontend f : model.frontends()) {
                AccessLog log = new AccessLog(routes(f.logging().targets(), group, sinkByAddress, sinks), frame,
                        options.clock().wall());
                Runnable gate = model.maxconn() <= 0 && f.maxconn() <= 0 ? () -> { }
                        : () -> gates.forEach(Gate::apply);
                FrontendRuntime fr = new FrontendRuntime(f, backends, actconn, log, gate);
                runtimes.add(fr);
                HttpFrontend http = f.mode() == Mode.HTTP ? new HttpFrontend(fr, options.clock(), pools) : null;
                for (Bind b : f.binds()) {
                    ChannelInitializer<EpollSocketChannel> init = new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(EpollSocketChannel ch) {
                            if (b.acceptProxy()) {
                                ch.pipeline().addLast("proxy-protocol", new HAProxyMessageDecoder());
                            }
                            if (http != null) {
                                ch.pipeline().addLast("session", http.newSession());
                            } else {
                                ch.pipeline().addLast("session", new TcpSession(fr, options.clock(), b.acceptProxy()));
                            }
                        }
                    };
                    try {
                        Listener l = Listener.open(b, f.name(), group, init);
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
            return new ProxyServer(group, listeners, sinks, runtimes, backends);
        } catch (ProxyStartException e) {
            backends.values().forEach(BackendRuntime::close);
            shutdown(group, listeners, sinks);
            throw e;
        } catch (RuntimeException e) {
            backends.values().forEach(BackendRuntime::close);
            shutdown(group, listeners, sinks);
            errors.add("cannot start the proxy: " + e.getMessage());
            throw new ProxyStartException(errors);
        }
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

    public List<InetSocketAddress> boundAddresses() {
        return listeners.stream().map(Listener::address).toList();
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

    /** Live connection count of a frontend (%fc), for tests and stats. */
    public int connections(String frontend) {
        return frontends.stream().filter(f -> f.name().equals(frontend)).mapToInt(f -> f.connections().get()).sum();
    }

    /** Stops listening, lets in-flight requests finish briefly, closes loops. */
    @Override
    public void close() {
        for (Listener l : listeners) {
            l.close();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() < deadline && frontends.stream().anyMatch(f -> f.connections().get() > 0)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        backends.values().forEach(BackendRuntime::close);
        shutdown(group, List.of(), sinks);
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
