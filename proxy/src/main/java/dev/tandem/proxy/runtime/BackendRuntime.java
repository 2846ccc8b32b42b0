package dev.tandem.proxy.runtime;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.proxy.check.StateChangeLine;
import dev.tandem.proxy.check.TrafficObserver;
import dev.tandem.proxy.check.run.HealthChecker;
import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.lb.BackendState;
import dev.tandem.proxy.lb.BalancedBackend;
import dev.tandem.proxy.lb.PendingQueues;
import dev.tandem.proxy.lb.Pick;
import dev.tandem.proxy.lb.RequestKey;
import dev.tandem.proxy.lb.RetryPolicy;
import dev.tandem.proxy.log.LogClock;
import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.model.Mode;
import dev.tandem.proxy.model.Server;
import dev.tandem.proxy.rules.SampleExpr;
import dev.tandem.proxy.rules.TransactionView;
import dev.tandem.proxy.tls.ServerTlsContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A backend as it runs: its servers' state, balancer, queues and retry policy
 * ({@link BalancedBackend}), its health checks, and the count of streams using it ({@code %bc}).
 * Streams of every event loop claim servers here.
 *
 * <p>Thread-safety: picks, queueing and the hand-out of freed slots happen under one short lock
 * per backend, like haproxy's per-backend LB lock, so a slot that frees while a request is being
 * queued is never lost. Nothing under the lock does IO; a queued request is handed its server by
 * a task on its own event loop. A backend whose servers have no {@code maxconn} never queues and
 * skips the lock (the balancers are thread-safe on their own).
 */
public final class BackendRuntime implements AutoCloseable {

    private final Backend backend;
    private final BalancedBackend<ServerClaim> lb;
    private final List<SocketAddress> addresses;
    /** Per server index, the TLS context of {@code server ... ssl}; null for clear text. */
    private final List<ServerTlsContext> tls;
    private final SampleExpr hashExpression;
    private final boolean queueing;
    private final long queueTimeoutMillis;
    private final LogClock clock;
    private final Consumer<StateChangeLine> announce;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger streams = new AtomicInteger();
    /** Per server, the claims holding it; kept only when a server has on-marked-down/up actions. */
    private final List<java.util.Set<ServerClaim>> holders;
    private final boolean[] shutdownOnDown;
    private final boolean[] shutdownBackupsOnUp;
    private volatile HealthChecker checker;

    /**
     * @param random the seed source of {@code balance random}
     * @param clock wall time for the servers' last-change stamps, monotonic time for queue waits
     * @param announce receives each server state-change line (to log and print), from any loop
     */
    public BackendRuntime(Backend backend, RandomGenerator random, LogClock clock,
            Consumer<StateChangeLine> announce) {
        this(backend, Map.of(), random, clock, announce);
    }

    /** @param tls the TLS contexts of the servers with {@code ssl}, by server name */
    public BackendRuntime(Backend backend, Map<String, ServerTlsContext> tls, RandomGenerator random, LogClock clock,
            Consumer<StateChangeLine> announce) {
        this.backend = backend;
        this.tls = backend.servers().stream().map(s -> tls.get(s.name())).collect(
                java.util.stream.Collectors.toCollection(ArrayList::new));
        this.clock = clock;
        this.announce = announce;
        long now = clock.millis();
        this.lb = backend.config().isPresent()
                ? BalancedBackend.of(backend.config().get(), random, now)
                : BalancedBackend.roundRobin(backend.name(), servers(backend.servers()), backend.retries(),
                        backend.mode() == Mode.HTTP, Duration.ofMillis(backend.timeouts().connect()), now);
        this.addresses = backend.servers().stream().map(Server::address).toList();
        this.hashExpression = backend.config().map(Proxy::balance)
                .filter(b -> b instanceof Balance.Hash)
                .map(b -> sample(((Balance.Hash) b).expression()))
                .orElse(null);
        this.queueing = lb.state().servers().stream().anyMatch(s -> s.maxconn() > 0);
        this.queueTimeoutMillis = backend.timeouts().queueWait();
        int n = lb.state().servers().size();
        this.shutdownOnDown = new boolean[n];
        this.shutdownBackupsOnUp = new boolean[n];
        boolean any = false;
        if (backend.config().isPresent()) {
            for (int i = 0; i < n; i++) {
                var check = backend.config().get().servers().get(i).check();
                shutdownOnDown[i] = check.enabled() && check.shutdownSessionsOnDown();
                shutdownBackupsOnUp[i] = check.enabled() && check.shutdownBackupSessionsOnUp();
                any |= shutdownOnDown[i] || shutdownBackupsOnUp[i];
            }
        }
        if (any) {
            List<java.util.Set<ServerClaim>> sets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sets.add(java.util.concurrent.ConcurrentHashMap.newKeySet());
            }
            this.holders = sets;
        } else {
            this.holders = null;
        }
    }

    void holding(BackendServer server, ServerClaim claim) {
        if (holders != null) {
            holders.get(server.index()).add(claim);
        }
    }

    void notHolding(BackendServer server, ServerClaim claim) {
        if (holders != null) {
            holders.get(server.index()).remove(claim);
        }
    }

    /**
     * configuration.txt §5.2 "on-marked-down shutdown-sessions": the streams of a server that is
     * down are killed; "on-marked-up shutdown-backup-sessions": once such an active server is
     * usable, the streams on backup servers are killed (server.c srv_shutdown_streams,
     * srv_shutdown_backup_streams).
     */
    private void shutdownSessions() {
        if (holders == null) {
            return;
        }
        BackendState state = lb.state();
        boolean activeUpKillsBackups = false;
        for (BackendServer s : state.servers()) {
            if (shutdownOnDown[s.index()] && !state.snapshot(s).checksSayUp()) {
                holders.get(s.index()).forEach(c -> c.kill('D'));
            }
            activeUpKillsBackups |= shutdownBackupsOnUp[s.index()] && !s.backup() && state.isUsable(s);
        }
        if (activeUpKillsBackups) {
            for (BackendServer s : state.servers()) {
                if (s.backup()) {
                    holders.get(s.index()).forEach(c -> c.kill('U'));
                }
            }
        }
    }

    private static List<BackendServer> servers(List<Server> servers) {
        List<BackendServer> out = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            out.add(BackendServer.of(i, servers.get(i).name(), servers.get(i).weight()));
        }
        return out;
    }

    private static SampleExpr sample(dev.tandem.config.haproxy.model.SampleExpr e) {
        return new SampleExpr(new SampleExpr.Call(e.fetch().name(), e.fetch().args()),
                e.converters().stream().map(c -> new SampleExpr.Call(c.name(), c.args())).toList());
    }

    public Backend backend() {
        return backend;
    }

    public String name() {
        return backend.name();
    }

    /** The one place this backend's server state lives (health, admin state, weights, sessions, queues). */
    public BackendState state() {
        return lb.state();
    }

    public RetryPolicy retryPolicy() {
        return lb.retry();
    }

    /** Where the server listens: an {@code InetSocketAddress}, or a {@code UnixSocketAddress}. */
    public SocketAddress address(BackendServer server) {
        return addresses.get(server.index());
    }

    /** The TLS context of {@code server ... ssl}, or null for clear text. */
    public ServerTlsContext tls(BackendServer server) {
        return tls.get(server.index());
    }

    /**
     * The server_name to send for this stream ({@code sni <expr>}), or null for none: clear text,
     * no {@code sni} keyword, or an expression that yields nothing (configuration.txt §5.2 "sni").
     */
    public String sni(BackendServer server, TransactionView stream) {
        Server model = backend.servers().get(server.index());
        if (tls.get(server.index()) == null || model.tls().isEmpty() || model.tls().get().sni().isEmpty()) {
            return null;
        }
        String v = model.tls().get().sni().get().evaluate(stream);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Streams currently assigned to this backend ({@code %bc}, haproxy's beconn). */
    public AtomicInteger streams() {
        return streams;
    }

    /** Monotonic milliseconds, for queue waits. */
    long nowMillis() {
        return clock.nanos() / 1_000_000;
    }

    /**
     * The input of {@code balance hash <expr>} for one stream, or the key unchanged for other
     * algorithms; a missing sample leaves the key without input, and the balancer falls back to
     * round robin as haproxy does.
     */
    public RequestKey withHashInput(RequestKey key, TransactionView stream) {
        if (hashExpression == null) {
            return key;
        }
        String value = hashExpression.evaluate(stream);
        return value == null ? key : key.withHashInput(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- claiming servers ----

    /**
     * Asks for a server for one stream. The answer is immediate (a server is held, or the claim
     * is refused) unless the request must wait in a queue; then {@code whenDecided} runs later on
     * {@code loop} with a server or a refusal. Call on {@code loop}.
     */
    public ServerClaim claim(RequestKey key, EventLoop loop, Consumer<ServerClaim> whenDecided) {
        ServerClaim c = new ServerClaim(this, loop, whenDecided);
        if (!queueing) {
            decide(c, lb.balancer().pick(key));
            return c;
        }
        lock.lock();
        try {
            decide(c, lb.balancer().pick(key));
        } finally {
            lock.unlock();
        }
        return c;
    }

    private void decide(ServerClaim c, Pick pick) {
        switch (pick) {
            case Pick.Assigned a -> c.assign(a.server());
            case Pick.NoServer n -> c.refuse(ServerClaim.Refusal.NO_SERVER, null);
            case Pick.QueueOnServer q -> enqueue(c, pick, q.server());
            case Pick.QueueOnBackend q -> enqueue(c, pick, null);
        }
    }

    private void enqueue(ServerClaim c, Pick pick, BackendServer target) {
        long now = nowMillis();
        switch (lb.queues().enqueue(pick, c, now)) {
            case PendingQueues.Enqueue.Queued q -> c.enqueued(now, queueTimeoutMillis);
            case PendingQueues.Enqueue.Full f -> c.refuse(ServerClaim.Refusal.QUEUE_FULL, target);
        }
    }

    Optional<PendingQueues.Withdrawn> withdraw(ServerClaim c) {
        lock.lock();
        try {
            return lb.queues().withdraw(c);
        } finally {
            lock.unlock();
        }
    }

    /** A stream gave its slot on {@code server} back: the oldest request waiting for it goes on. */
    void release(BackendServer server) {
        if (!queueing) {
            lb.balancer().release(server);
            return;
        }
        List<PendingQueues.Dequeued<ServerClaim>> out = new ArrayList<>(1);
        lock.lock();
        try {
            lb.balancer().release(server);
            drain(server, out);
        } finally {
            lock.unlock();
        }
        handOut(out);
    }

    /** A server's state changed (up, down, maintenance): queued requests may now have somewhere to go. */
    private void redispatchQueued() {
        if (!queueing) {
            return;
        }
        List<PendingQueues.Dequeued<ServerClaim>> out = new ArrayList<>();
        lock.lock();
        try {
            if (lb.queues().size() == 0) {
                return;
            }
            for (BackendServer s : lb.state().servers()) {
                drain(s, out);
            }
        } finally {
            lock.unlock();
        }
        handOut(out);
    }

    private void drain(BackendServer server, List<PendingQueues.Dequeued<ServerClaim>> out) {
        long now = nowMillis();
        for (Optional<PendingQueues.Dequeued<ServerClaim>> d = lb.queues().next(server, now); d.isPresent();
                d = lb.queues().next(server, now)) {
            out.add(d.get());
        }
    }

    private void handOut(List<PendingQueues.Dequeued<ServerClaim>> granted) {
        for (PendingQueues.Dequeued<ServerClaim> d : granted) {
            try {
                d.request().granted(d);
            } catch (RejectedExecutionException e) {
                // the claimant's loop is shutting down: nobody will use the slot
                lb.balancer().release(d.server());
            }
        }
    }

    // ---- health ----

    /**
     * Starts the health checks of the servers with {@code check} on {@code group}; nothing when
     * none has, or the backend was built in code.
     *
     * @throws IllegalArgumentException when a server cannot be checked as configured
     */
    public void startChecks(EventLoopGroup group, HealthChecker.Options options) {
        Optional<Proxy> config = backend.config();
        if (config.isEmpty() || config.get().servers().stream().noneMatch(s -> s.check().enabled())) {
            return;
        }
        checker = HealthChecker.start(config.get(), lb, group, this::onStateChange, options);
    }

    private void onStateChange(StateChangeLine line) {
        try {
            announce.accept(line);
        } finally {
            // every change of a server's state comes with a line; it may free room for queued
            // requests, or call for killing streams
            redispatchQueued();
            shutdownSessions();
        }
    }

    /** Real traffic to {@code server} ({@code observe layer4|layer7}); a no-op without checks. */
    public void observe(BackendServer server, TrafficObserver.Event event) {
        HealthChecker c = checker;
        if (c != null) {
            c.observe(server, event);
        }
    }

    /** Whether {@code server} may take new traffic, as the retry policy's "server is up" means it. */
    public boolean serverUp(BackendServer server) {
        var snapshot = lb.state().snapshot(server);
        return snapshot.checksSayUp() && snapshot.admin() != dev.tandem.proxy.lb.AdminState.MAINT;
    }

    @Override
    public void close() {
        HealthChecker c = checker;
        if (c != null) {
            c.close();
        }
    }
}
