package dev.tandem.proxy.check.run;

import dev.tandem.proxy.check.BackendChecks;
import dev.tandem.proxy.check.BackendHealth;
import dev.tandem.proxy.check.CheckResult;
import dev.tandem.proxy.check.CheckSchedule;
import dev.tandem.proxy.check.CheckStatus;
import dev.tandem.proxy.check.HealthCheckState;
import dev.tandem.proxy.check.StateChangeLine;
import dev.tandem.proxy.lb.AdminState;
import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.lb.BackendState;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The checks of one server, pinned to one event loop (haproxy's check task): waits, runs one
 * {@link CheckAttempt}, applies its result through {@link BackendHealth}, logs what that says and
 * waits the interval the state machine asks for. Only one check of a server runs at a time, and
 * all of its state is touched on {@code loop} only.
 */
final class CheckTask {

    private final EventLoop loop;
    private final Class<? extends SocketChannel> channelClass;
    private final BackendServer server;
    private final CheckTarget target;
    private final BackendChecks checks;
    private final BackendState backend;
    private final CheckTimeouts timeouts;
    private final CheckSchedule schedule;
    private final Clock clock;
    private final Consumer<StateChangeLine> log;
    private final Optional<SslContext> tls;
    private ScheduledFuture<?> next;
    private CheckAttempt running;
    private boolean stopped;

    CheckTask(EventLoop loop, Class<? extends SocketChannel> channelClass, BackendServer server, CheckTarget target,
            BackendChecks checks, BackendState backend, CheckTimeouts timeouts, CheckSchedule schedule, Clock clock,
            Consumer<StateChangeLine> log, Optional<SslContext> tls) {
        this.loop = loop;
        this.channelClass = channelClass;
        this.server = server;
        this.target = target;
        this.checks = checks;
        this.backend = backend;
        this.timeouts = timeouts;
        this.schedule = schedule;
        this.clock = clock;
        this.log = log;
        this.tls = tls;
    }

    EventLoop loop() {
        return loop;
    }

    /** Schedules the first check; call on {@code loop}. */
    void start(Duration firstDelay) {
        if (!stopped) {
            next = loop.schedule(this::run, firstDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Cancels the pending check and abandons a running one; call on {@code loop}. */
    void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        if (running != null) {
            running.abandon();
            running = null;
        }
    }

    BackendServer server() {
        return server;
    }

    /**
     * Runtime API "set server ... state maint|ready": entering maintenance abandons a running check,
     * leaving it checks at once; call on {@code loop}.
     */
    void setMaintenance(boolean maint) {
        if (stopped) {
            return;
        }
        BackendHealth.Report report = checks.health().setMaintenance(server, maint, clock.millis());
        emit(report);
        if (maint && running != null) {
            running.abandon();
            running = null;
            start(state().settings().inter());
        } else if (!maint && report.transition() == HealthCheckState.Transition.WENT_UP && running == null) {
            if (next != null) {
                next.cancel(false);
            }
            start(report.nextCheckIn());
        }
    }

    private HealthCheckState state() {
        return checks.health().check(server).orElseThrow();
    }

    private void run() {
        next = null;
        if (stopped) {
            return;
        }
        // a server in maintenance is not checked; its checks resume when it leaves (server.c srv_update_status)
        if (state().isPaused() || backend.snapshot(server).admin() == AdminState.MAINT) {
            start(state().settings().inter());
            return;
        }
        try {
            running = new CheckAttempt(loop, channelClass, target, dialogue(), timeouts, clock, tls, this::onResult);
            running.start();
        } catch (RuntimeException e) {
            // the socket could not even be set up (e.g. the loop refuses the channel type)
            running = null;
            onResult(CheckResult.of(CheckStatus.SOCKERR, String.valueOf(e.getMessage()), 0));
        }
    }

    private Dialogue dialogue() {
        return switch (checks.protocol()) {
            case HTTP -> new HttpDialogue(checks.httpRequestBytes().orElseThrow(), checks.httpExpect().orElseThrow(),
                    state().isUp());
            case CONNECT, TCP_SCRIPT -> new ScriptDialogue(checks.newTcpRun());
        };
    }

    private void onResult(CheckResult result) {
        running = null;
        if (stopped) {
            return;
        }
        Duration wait = state().settings().inter();
        try {
            BackendHealth.Report report = checks.health().onCheckResult(server, result, clock.millis());
            wait = schedule.nextDelay(report.nextCheckIn());
            emit(report);
        } finally {
            start(wait);
        }
    }

    /**
     * Observed traffic reached error-limit: with {@code fastinter} configured, the next check runs
     * no later than that (check.c __health_adjust); call on {@code loop}.
     */
    void hurry(Duration fastinter) {
        if (stopped || running != null) {
            return;
        }
        if (next == null || next.getDelay(TimeUnit.MILLISECONDS) > fastinter.toMillis()) {
            if (next != null) {
                next.cancel(false);
            }
            start(fastinter);
        }
    }

    private void emit(BackendHealth.Report report) {
        for (StateChangeLine line : report.lines()) {
            try {
                log.accept(line);
            } catch (RuntimeException e) {
                // a failing log sink must not stop the checks; the state is already updated
            }
        }
    }
}
