package dev.tandem.proxy.check;

import dev.tandem.config.haproxy.model.LogLevel;
import dev.tandem.proxy.lb.AdminState;
import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.lb.BackendState;
import dev.tandem.proxy.lb.CheckSummary;
import dev.tandem.proxy.lb.PendingQueues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies check results and observed traffic errors of one backend to its {@link BackendState}
 * and says what to log, in haproxy's words: the single entry point of the check runner and of
 * the data plane's traffic observation. Servers without {@code check} have no entry and stay UP.
 * Thread-safe: the events of one server are applied one at a time under that server's lock (its
 * check task and the streams that observe its traffic run on different event loops); different
 * servers are handled concurrently.
 */
public final class BackendHealth {

    /**
     * What one event did: lines to log (in order), and when the server's next check is due.
     *
     * @param errorLimitReached observed traffic reached {@code error-limit}: haproxy brings the
     *     next check forward to {@code fastinter} when one is configured (check.c __health_adjust)
     */
    public record Report(List<StateChangeLine> lines, HealthCheckState.Transition transition, Duration nextCheckIn,
            boolean errorLimitReached) {
        public Report {
            lines = List.copyOf(lines);
        }

        Report(List<StateChangeLine> lines, HealthCheckState.Transition transition, Duration nextCheckIn) {
            this(lines, transition, nextCheckIn, false);
        }

        /** The log texts, in order. */
        public List<String> logLines() {
            return lines.stream().map(StateChangeLine::text).toList();
        }
    }

    private final BackendState state;
    private final PendingQueues<?> queues;
    private final StateChangeLog log;
    private final boolean logHealthChecks;
    private final boolean redistribute;
    private final HealthCheckState[] checks;
    private final TrafficObserver[] observers;
    private final CheckStatus[] lastStatus;
    private final Object[] locks;

    /**
     * @param checked the check settings of each server that has {@code check}
     * @param observed {@code observe} settings per server; absent means no observation
     * @param logHealthChecks {@code option log-health-checks}
     */
    public BackendHealth(BackendState state, PendingQueues<?> queues, StateChangeLog log,
            Map<BackendServer, CheckSettings> checked, Map<BackendServer, TrafficObserver> observed,
            boolean logHealthChecks) {
        this(state, queues, log, checked, observed, logHealthChecks, true);
    }

    /**
     * @param redistribute {@code option redispatch}: a server going down hands its queue to the
     *     backend; without it the requests stay bound to it (queue.c pendconn_redistribute)
     */
    public BackendHealth(BackendState state, PendingQueues<?> queues, StateChangeLog log,
            Map<BackendServer, CheckSettings> checked, Map<BackendServer, TrafficObserver> observed,
            boolean logHealthChecks, boolean redistribute) {
        this.redistribute = redistribute;
        this.state = state;
        this.queues = queues;
        this.log = log;
        this.logHealthChecks = logHealthChecks;
        int n = state.servers().size();
        this.checks = new HealthCheckState[n];
        this.observers = new TrafficObserver[n];
        this.lastStatus = new CheckStatus[n];
        this.locks = new Object[n];
        for (BackendServer s : state.servers()) {
            CheckSettings settings = checked.get(s);
            if (settings != null) {
                checks[s.index()] = new HealthCheckState(settings);
                lastStatus[s.index()] = CheckStatus.INI;
                state.recordCheck(s, CheckSummary.INITIAL);
            }
            observers[s.index()] = observed.getOrDefault(s, TrafficObserver.none());
            locks[s.index()] = new Object();
        }
    }

    public Optional<HealthCheckState> check(BackendServer s) {
        return Optional.ofNullable(checks[s.index()]);
    }

    /** The result of one check of {@code s}, at injected time {@code nowMillis}. */
    public Report onCheckResult(BackendServer s, CheckResult result, long nowMillis) {
        synchronized (locks[s.index()]) {
            return checkResult(s, result, nowMillis);
        }
    }

    private Report checkResult(BackendServer s, CheckResult result, long nowMillis) {
        HealthCheckState h = checks[s.index()];
        if (h == null) {
            throw new IllegalArgumentException("server " + s.name() + " has no check");
        }
        if (h.isPaused()) {
            return new Report(List.of(), HealthCheckState.Transition.NONE, h.nextInterval());
        }
        int before = h.health();
        HealthCheckState.Transition t = h.apply(result);
        state.recordCheck(s, new CheckSummary(result.status().code(), result.status().carriesCode() ? result.code() : -1,
                result.durationMillis()));
        List<StateChangeLine> lines = new ArrayList<>();
        CheckStatus previous = lastStatus[s.index()];
        lastStatus[s.index()] = result.status();
        if (logHealthChecks && (h.health() != before || result.status() != previous)) {
            boolean drained = state.snapshot(s).admin() == AdminState.DRAIN || state.snapshot(s).weight() == 0;
            // check.c set_server_check_status: ha_warning and a notice
            lines.add(StateChangeLine.warning(log.healthCheck(s.name(), s.backup(), result, h, drained),
                    LogLevel.NOTICE));
        }
        lines.addAll(apply(s, t, logHealthChecks ? Optional.empty() : Optional.of(result), nowMillis));
        return new Report(lines, t, h.nextInterval());
    }

    /** An error or success the data plane saw on real traffic to {@code s}. */
    public Report onTraffic(BackendServer s, TrafficObserver.Event event, long nowMillis) {
        HealthCheckState h = checks[s.index()];
        if (h == null) {
            return new Report(List.of(), HealthCheckState.Transition.NONE, Duration.ZERO);
        }
        synchronized (locks[s.index()]) {
            return traffic(s, h, event, nowMillis);
        }
    }

    /** Whether {@code s} has a check whose {@code observe} looks at traffic at all. */
    public boolean observes(BackendServer s) {
        return checks[s.index()] != null && observers[s.index()].mode() != TrafficObserver.Mode.NONE;
    }

    private Report traffic(BackendServer s, HealthCheckState h, TrafficObserver.Event event, long nowMillis) {
        TrafficObserver.Action a = observers[s.index()].observe(event, h);
        return switch (a) {
            case TrafficObserver.Action.None n -> new Report(List.of(), HealthCheckState.Transition.NONE, h.nextInterval());
            case TrafficObserver.Action.CheckSoon c -> new Report(List.of(), HealthCheckState.Transition.NONE,
                    h.settings().fastinter(), true);
            case TrafficObserver.Action.Failed f -> {
                state.recordCheck(s, new CheckSummary(f.result().status().code(), -1, -1));
                lastStatus[s.index()] = f.result().status();
                yield new Report(apply(s, f.transition(), Optional.of(f.result()), nowMillis), f.transition(),
                        h.settings().fastinter(), true);
            }
        };
    }

    private List<StateChangeLine> apply(BackendServer s, HealthCheckState.Transition t, Optional<CheckResult> cause,
            long nowMillis) {
        List<StateChangeLine> lines = new ArrayList<>();
        boolean hadServers = state.activeUsableCount() + state.backupUsableCount() > 0;
        switch (t) {
            case WENT_DOWN -> {
                boolean wasDraining = state.snapshot(s).admin() == AdminState.DRAIN;
                state.setChecksSayUp(s, false, nowMillis);
                int requeued = redistribute ? queues.redistribute(s) : 0;
                // server.c srv_update_status: an alert, a notice when the server was already draining
                lines.add(StateChangeLine.warning(log.serverDown(s.name(), s.backup(), cause, counts(),
                        state.sessions(s), requeued, state.queueLength(s)),
                        wasDraining ? LogLevel.NOTICE : LogLevel.ALERT));
                if (hadServers && state.activeUsableCount() + state.backupUsableCount() == 0) {
                    lines.add(noServerAvailable());
                }
            }
            case WENT_UP -> {
                state.setChecksSayUp(s, true, nowMillis);
                lines.add(StateChangeLine.warning(log.serverUp(s.name(), s.backup(), cause, counts(), 0,
                        state.queueLength(s)), LogLevel.NOTICE));
            }
            case NONE -> {
            }
        }
        return lines;
    }

    /**
     * Runtime API / config {@code disabled}: enter or leave maintenance, with haproxy's lines.
     */
    public Report setMaintenance(BackendServer s, boolean maint, long nowMillis) {
        synchronized (locks[s.index()]) {
            return maintenance(s, maint, nowMillis);
        }
    }

    /** backend.c set_backend_down: an alert on stderr (the name quoted) and an emergency in the log. */
    private StateChangeLine noServerAvailable() {
        return new StateChangeLine(log.noServerAvailable(), LogLevel.EMERG, StateChangeLine.Console.ALERT,
                log.noServerAvailableOnConsole());
    }

    private Report maintenance(BackendServer s, boolean maint, long nowMillis) {
        HealthCheckState h = checks[s.index()];
        List<StateChangeLine> lines = new ArrayList<>();
        boolean inMaint = state.snapshot(s).admin() == AdminState.MAINT;
        if (maint == inMaint) {
            return new Report(lines, HealthCheckState.Transition.NONE, h == null ? Duration.ZERO : h.nextInterval());
        }
        if (maint) {
            boolean wasDown = !state.snapshot(s).checksSayUp();
            boolean wasDraining = state.snapshot(s).admin() == AdminState.DRAIN;
            boolean hadServers = state.activeUsableCount() + state.backupUsableCount() > 0;
            state.setAdmin(s, AdminState.MAINT, nowMillis);
            if (h != null) {
                h.enterMaintenance();
            }
            if (wasDown) {
                lines.add(StateChangeLine.warning(log.wasDownAndEntersMaintenance(s.name(), s.backup()),
                        LogLevel.NOTICE));
            } else {
                int requeued = redistribute ? queues.redistribute(s) : 0;
                lines.add(StateChangeLine.warning(log.goingDownForMaintenance(s.name(), s.backup(), counts(),
                        state.sessions(s), requeued, state.queueLength(s)),
                        wasDraining ? LogLevel.NOTICE : LogLevel.ALERT));
                if (hadServers && state.activeUsableCount() + state.backupUsableCount() == 0) {
                    lines.add(noServerAvailable());
                }
            }
            return new Report(lines, HealthCheckState.Transition.WENT_DOWN, h == null ? Duration.ZERO : h.nextInterval());
        }
        if (h != null) {
            h.leaveMaintenance();
        }
        state.setChecksSayUp(s, true, nowMillis);
        state.setAdmin(s, AdminState.READY, nowMillis);
        lines.add(StateChangeLine.warning(log.leavingMaintenance(s.name(), s.backup(), true, false), LogLevel.NOTICE));
        // haproxy checks at once after maintenance ("start OK but check immediately")
        return new Report(lines, HealthCheckState.Transition.WENT_UP, Duration.ZERO);
    }

    private StateChangeLog.Counts counts() {
        return new StateChangeLog.Counts(state.activeUsableCount(), state.backupUsableCount());
    }
}
