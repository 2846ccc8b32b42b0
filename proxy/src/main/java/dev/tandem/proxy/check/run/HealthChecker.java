package dev.tandem.proxy.check.run;

import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.Server;
import dev.tandem.proxy.check.BackendChecks;
import dev.tandem.proxy.check.BackendHealth;
import dev.tandem.proxy.check.CheckSchedule;
import dev.tandem.proxy.check.HealthCheckState;
import dev.tandem.proxy.check.StateChangeLine;
import dev.tandem.proxy.check.TrafficObserver;
import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.lb.BalancedBackend;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the health checks of one backend's servers on Netty event loops, never a thread per check
 * and never blocking: each checked server gets a check task pinned to one loop of the group,
 * started at its spread offset; results go through the backend's {@code BackendHealth} into the
 * shared {@code BackendState} the balancer reads, and haproxy's state-change lines go to the log.
 * Create one per backend at start; {@link #close()} cancels everything.
 */
public final class HealthChecker implements AutoCloseable {

    /**
     * Settings that come from outside the backend section.
     *
     * @param spreadChecks global {@code spread-checks} (0..50 percent)
     * @param maxSpreadChecks global {@code max-spread-checks}, {@link Duration#ZERO} when unset
     * @param logHealthChecks {@code option log-health-checks}
     * @param clock time for check durations and last-change stamps
     * @param seed the seed of the spread-checks randomness
     * @param channelClass the socket type matching the group's transport (epoll or NIO)
     */
    public record Options(int spreadChecks, Duration maxSpreadChecks, boolean logHealthChecks, Clock clock, long seed,
            Class<? extends SocketChannel> channelClass) {

        /** haproxy's defaults on the system clock, with epoll sockets when the native transport loads. */
        public static Options defaults() {
            return new Options(0, Duration.ZERO, false, Clock.systemUTC(), System.nanoTime(),
                    Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class);
        }

        public Options withLogHealthChecks(boolean on) {
            return new Options(spreadChecks, maxSpreadChecks, on, clock, seed, channelClass);
        }

        public Options withClock(Clock c) {
            return new Options(spreadChecks, maxSpreadChecks, logHealthChecks, c, seed, channelClass);
        }

        public Options withSpread(int percent, Duration max) {
            return new Options(percent, max, logHealthChecks, clock, seed, channelClass);
        }
    }

    private final String backend;
    private final BackendChecks checks;
    private final BalancedBackend<?> lb;
    private final Clock clock;
    private final Consumer<StateChangeLine> log;
    private final List<CheckTask> tasks;
    private final CheckTask[] taskOf;
    private final Optional<Duration>[] fastinterOf;
    private final List<Duration> firstDelays;
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    private HealthChecker(Proxy config, BackendChecks checks, BalancedBackend<?> lb, Clock clock,
            Consumer<StateChangeLine> log, List<CheckTask> tasks, List<Duration> firstDelays) {
        this.backend = config.name();
        this.checks = checks;
        this.lb = lb;
        this.clock = clock;
        this.log = log;
        this.tasks = List.copyOf(tasks);
        this.firstDelays = List.copyOf(firstDelays);
        int n = lb.state().servers().size();
        this.taskOf = new CheckTask[n];
        this.fastinterOf = new Optional[n];
        for (CheckTask t : tasks) {
            taskOf[t.server().index()] = t;
        }
        for (BackendServer s : lb.state().servers()) {
            fastinterOf[s.index()] = config.servers().get(s.index()).check().fastinter();
        }
    }

    /**
     * Starts the checks of {@code backend}, whose servers {@code lb} balances.
     *
     * @param log receives each state-change line, called from the event loops (the check tasks
     *     and the streams whose observed traffic changed a server's state)
     * @throws IllegalArgumentException when a server cannot be checked as configured (host name,
     *     no port, unreadable CA file); nothing has started then
     */
    public static HealthChecker start(Proxy backend, BalancedBackend<?> lb, EventLoopGroup group,
            Consumer<StateChangeLine> log, Options options) {
        BackendChecks checks = BackendChecks.of(backend, lb, options.logHealthChecks());
        List<BackendServer> servers = lb.state().servers();
        List<CheckRule> rules = checks.protocol() == BackendChecks.Protocol.TCP_SCRIPT
                ? backend.healthCheck().map(HealthCheck::rules).orElse(List.of()) : List.of();
        List<CheckTask> tasks = new ArrayList<>();
        List<Duration> firstIntervals = new ArrayList<>();
        Random seeds = new Random(options.seed());
        for (BackendServer s : servers) {
            if (!checks.serverChecks().containsKey(s)) {
                continue;
            }
            Server config = backend.servers().get(s.index());
            CheckTarget target = CheckTarget.of(backend.name(), config, scriptPort(rules));
            boolean scriptTls = rules.stream().anyMatch(r -> r instanceof CheckRule.TcpConnect c && c.ssl());
            Optional<SslContext> tls = target.ssl() || scriptTls ? Optional.of(CheckTls.context(backend.name(), config))
                    : Optional.empty();
            HealthCheckState state = checks.health().check(s).orElseThrow();
            CheckTimeouts timeouts = CheckTimeouts.of(checks.checkTimeout(), backend.timeouts().connect(),
                    state.settings().inter());
            CheckSchedule schedule = new CheckSchedule(options.spreadChecks(), options.maxSpreadChecks(),
                    new Random(seeds.nextLong()));
            EventLoop loop = group.next();
            tasks.add(new CheckTask(loop, options.channelClass(), s, target, checks, lb.state(), timeouts, schedule,
                    options.clock(), log, tls));
            firstIntervals.add(state.nextInterval());
        }
        List<Duration> delays = new CheckSchedule(options.spreadChecks(), options.maxSpreadChecks(), new Random(0))
                .initialDelays(firstIntervals);
        for (int i = 0; i < tasks.size(); i++) {
            CheckTask task = tasks.get(i);
            Duration delay = delays.get(i);
            task.loop().execute(() -> task.start(delay));
        }
        return new HealthChecker(backend, checks, lb, options.clock(), log, tasks, delays);
    }

    /** configuration.txt "tcp-check connect": a first connect with a port stands in for a server without one. */
    private static OptionalInt scriptPort(List<CheckRule> rules) {
        for (CheckRule r : rules) {
            if (r instanceof CheckRule.TcpConnect c) {
                return c.port();
            }
        }
        return OptionalInt.empty();
    }

    public String backend() {
        return backend;
    }

    /** How many servers of the backend are checked. */
    public int checkedServers() {
        return tasks.size();
    }

    /** The wait before each checked server's first check, in server order (check.c start spreading). */
    List<Duration> firstDelays() {
        return firstDelays;
    }

    /**
     * Runtime API "set server be/srv state maint|ready" (and "disable/enable server"): logs
     * haproxy's lines; a checked server's checks pause in maintenance and run at once when it
     * leaves. Completes when applied.
     *
     * @throws IllegalArgumentException when the backend has no such server
     */
    public CompletableFuture<Void> setMaintenance(String serverName, boolean maint) {
        BackendServer s = lb.state().server(serverName).orElseThrow(() -> new IllegalArgumentException(
                "backend " + backend + " has no server '" + serverName + "'"));
        for (CheckTask task : tasks) {
            if (task.server().equals(s)) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                task.loop().execute(() -> {
                    task.setMaintenance(maint);
                    done.complete(null);
                });
                return done;
            }
        }
        checks.health().setMaintenance(s, maint, clock.millis()).lines().forEach(log);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * What the data plane saw on real traffic to {@code server} ({@code observe layer4|layer7},
     * configuration.txt §5.2): applied at once, from the calling event loop, so a server that
     * {@code on-error mark-down} takes down is already DOWN when the stream decides where to
     * retry, as in haproxy where health_adjust runs inside the stream. A no-op for servers that do
     * not observe.
     */
    public void observe(BackendServer server, TrafficObserver.Event event) {
        if (closed || !checks.health().observes(server)) {
            return;
        }
        BackendHealth.Report report = checks.health().onTraffic(server, event, clock.millis());
        for (StateChangeLine line : report.lines()) {
            try {
                log.accept(line);
            } catch (RuntimeException e) {
                // a failing log sink must not break the stream that observed
            }
        }
        CheckTask task = taskOf[server.index()];
        Optional<Duration> fastinter = fastinterOf[server.index()];
        if (report.errorLimitReached() && task != null && fastinter.isPresent()) {
            try {
                task.loop().execute(() -> task.hurry(fastinter.get()));
            } catch (RejectedExecutionException e) {
                // shutting down: no more checks anyway
            }
        }
    }

    /** Cancels pending checks and closes running ones; returns when each loop has done so. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (CheckTask task : tasks) {
            EventLoop loop = task.loop();
            if (loop.inEventLoop()) {
                task.stop();
                continue;
            }
            try {
                loop.submit(task::stop).awaitUninterruptibly(5, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                // the group is already shutting down: its scheduled checks die with it
            }
        }
    }
}
