package dev.tandem.proxy;

import dev.tandem.proxy.h2.H2Limits;
import dev.tandem.proxy.h2.ProtocolSwitch;
import dev.tandem.proxy.http.HttpFrontend;
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

    private ProxyServer(EventLoopGroup group, List<Listener> listeners, List<LogSink> sinks,
            List<FrontendRuntime> frontends) {
        this.group = group;
        this.listeners = listeners;
        this.sinks = sinks;
        this.frontends = frontends;
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
        try {
            Map<String, BackendRuntime> backends = new LinkedHashMap<>();
            for (Backend b : model.backends().values()) {
                backends.put(b.name(), new BackendRuntime(b));
            }
            Map<String, LogSink> sinkByAddress = new HashMap<>();
            SyslogFrame frame = new SyslogFrame("haproxy", ProcessHandle.current().pid(), options.hostname(),
                    options.clock().zone());
            AtomicInteger actconn = new AtomicInteger();
            List<Gate> gates = new CopyOnWriteArrayList<>();
            var pools = HttpFrontend.newPools();
            for (Frontend f : model.frontends()) {
                List<AccessLog.Route> routes = new ArrayList<>();
                for (LogTarget t : f.logging().targets()) {
                    LogSink sink = sinkByAddress.get(t.address());
                    if (sink == null) {
                        sink = openSink(t, group);
                        sinkByAddress.put(t.address(), sink);
                        sinks.add(sink);
                    }
                    routes.add(new AccessLog.Route(t, sink));
                }
                AccessLog log = new AccessLog(routes, frame, options.clock().wall());
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
                                // after TLS when the bind has it: ALPN or the HTTP/2 preface picks the protocol
                                ch.pipeline().addLast("protocol", new ProtocolSwitch(http, b.proto(), H2Limits.DEFAULTS));
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
            return new ProxyServer(group, listeners, sinks, runtimes);
        } catch (ProxyStartException e) {
            shutdown(group, listeners, sinks);
            throw e;
        } catch (RuntimeException e) {
            shutdown(group, listeners, sinks);
            errors.add("cannot start the proxy: " + e.getMessage());
            throw new ProxyStartException(errors);
        }
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
