package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.LogLevel;
import dev.tandem.proxy.lb.AdminState;
import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.lb.BackendState;
import dev.tandem.proxy.lb.PendingQueues;
import dev.tandem.proxy.lb.Pick;
import dev.tandem.proxy.lb.ServerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Check results driving server state and logs, replaying scenarios run against HAProxy 2.6.12:
 * the expected lines are the ones it logged (configuration.txt "option log-health-checks").
 */
class BackendHealthTest {

    private static final CheckSettings DEFAULTS = new CheckSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), 2, 3);
    private static final CheckResult L4OK = CheckResult.of(CheckStatus.L4OK, "", 0);
    private static final CheckResult REFUSED = CheckResult.of(CheckStatus.L4CON, "Connection refused", 0);
    private static final CheckResult L7OK = new CheckResult(CheckStatus.L7OK, 200, "", 0);

    private static BackendHealth health(BackendState state, boolean logHealthChecks) {
        Map<BackendServer, CheckSettings> checked = new java.util.HashMap<>();
        state.servers().forEach(s -> checked.put(s, DEFAULTS));
        return new BackendHealth(state, new PendingQueues<String>(state, Duration.ofSeconds(5)),
                StateChangeLog.forBackend(state.name()), checked, Map.of(), logHealthChecks);
    }

    @Test
    void logHealthChecksScenarioMatchesHaproxyLineForLine() {
        BackendState state = new BackendState("lonely", List.of(BackendServer.of(0, "l1", 1)), false, 0);
        BackendHealth h = health(state, true);
        BackendServer l1 = state.servers().getFirst();
        List<String> lines = new ArrayList<>();
        lines.addAll(h.onCheckResult(l1, L4OK, 1000).logLines());
        for (int i = 0; i < 3; i++) {
            lines.addAll(h.onCheckResult(l1, REFUSED, 6000 + i * 1000L).logLines());
        }
        assertThat(lines).containsExactly(
                "Health check for server lonely/l1 succeeded, reason: Layer4 check passed, check duration: 0ms, status: 3/3 UP.",
                "Health check for server lonely/l1 failed, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms, status: 2/3 UP.",
                "Health check for server lonely/l1 failed, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms, status: 1/3 UP.",
                "Health check for server lonely/l1 failed, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms, status: 0/2 DOWN.",
                "Server lonely/l1 is DOWN. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                "backend lonely has no server available!");
        assertThat(state.snapshot(l1).status()).isEqualTo(ServerStatus.DOWN);
        assertThat(state.snapshot(l1).lastCheck().status()).isEqualTo("L4CON");
    }

    @Test
    void refusedFirstCheckThenRecoveryMatchesHaproxy() {
        BackendState state = new BackendState("appserver", List.of(BackendServer.of(0, "app1", 1),
                BackendServer.of(1, "app2", 1), BackendServer.of(2, "bk1", 1).asBackup()), false, 0);
        BackendHealth h = health(state, false);
        BackendServer app1 = state.servers().getFirst();
        assertThat(h.onCheckResult(app1, REFUSED, 0).logLines()).containsExactly(
                "Server appserver/app1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms."
                        + " 1 active and 1 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
        assertThat(h.onCheckResult(app1, L7OK, 3000).logLines()).isEmpty();
        BackendHealth.Report up = h.onCheckResult(app1, L7OK, 4000);
        assertThat(up.logLines()).containsExactly("Server appserver/app1 is UP, reason: Layer7 check passed, code: 200,"
                + " check duration: 0ms. 2 active and 1 backup servers online. 0 sessions requeued, 0 total in queue.");
        assertThat(up.transition()).isEqualTo(HealthCheckState.Transition.WENT_UP);
        assertThat(state.snapshot(app1).lastCheck().code()).isEqualTo(200);
    }

    /**
     * Where each line goes, as haproxy 2.6 sends it: server.c srv_update_status logs DOWN as an
     * alert (a notice when the server was draining) and UP as a notice, both with ha_warning;
     * backend.c set_backend_down logs an emergency and prints an alert quoting the name; check.c
     * logs health checks as notices.
     */
    @Test
    void eachLineCarriesHaproxysLevelAndConsoleForm() {
        BackendState state = new BackendState("be", List.of(BackendServer.of(0, "a", 1), BackendServer.of(1, "b", 1)),
                false, 0);
        BackendHealth h = health(state, false);
        BackendServer a = state.servers().get(0);
        BackendServer b = state.servers().get(1);
        state.setAdmin(b, AdminState.DRAIN, 1);
        assertThat(h.onCheckResult(b, REFUSED, 2).lines()).extracting(StateChangeLine::level,
                StateChangeLine::console).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LogLevel.NOTICE, StateChangeLine.Console.WARNING));
        List<StateChangeLine> last = h.onCheckResult(a, REFUSED, 3).lines();
        assertThat(last).extracting(StateChangeLine::level).containsExactly(LogLevel.ALERT, LogLevel.EMERG);
        assertThat(last.get(0).console()).isEqualTo(StateChangeLine.Console.WARNING);
        assertThat(last.get(1).text()).isEqualTo("backend be has no server available!");
        assertThat(last.get(1).console()).isEqualTo(StateChangeLine.Console.ALERT);
        assertThat(last.get(1).consoleText()).isEqualTo("backend 'be' has no server available!");
        h.onCheckResult(a, L4OK, 3);
        StateChangeLine up = h.onCheckResult(a, L4OK, 4).lines().getFirst();
        assertThat(up.level()).isEqualTo(LogLevel.NOTICE);
        assertThat(up.consoleText()).isEqualTo(up.text());
        BackendHealth logged = health(new BackendState("be", List.of(BackendServer.of(0, "a", 1)), false, 0), true);
        assertThat(logged.onCheckResult(BackendServer.of(0, "a", 1), L4OK, 0).lines())
                .extracting(StateChangeLine::level).containsExactly(LogLevel.NOTICE);
    }

    @Test
    void downServerHandsItsQueueOverAndTheLineCountsTheRequeued() {
        BackendState state = new BackendState("be", List.of(BackendServer.of(0, "a", 1).withMaxconn(1),
                BackendServer.of(1, "b", 1)), false, 0);
        PendingQueues<String> queues = new PendingQueues<>(state, Duration.ofSeconds(5));
        BackendHealth h = new BackendHealth(state, queues, StateChangeLog.forBackend("be"),
                Map.of(state.servers().get(0), DEFAULTS), Map.of(), false);
        BackendServer a = state.servers().get(0);
        state.takeSession(a);
        queues.enqueue(new Pick.QueueOnServer(a), "waiting", 0);
        assertThat(h.onCheckResult(a, REFUSED, 10).logLines().getFirst())
                .endsWith("1 active and 0 backup servers left. 1 sessions active, 1 requeued, 0 remaining in queue.");
        assertThat(state.backendQueueLength()).isEqualTo(1);
    }

    @Test
    void maintenanceRoundTripLogsAndChecksAtOnceAfterwards() {
        BackendState state = new BackendState("be", List.of(BackendServer.of(0, "a", 1), BackendServer.of(1, "b", 1)), false, 0);
        BackendHealth h = health(state, false);
        BackendServer a = state.servers().getFirst();
        assertThat(h.setMaintenance(a, true, 5).logLines()).containsExactly("Server be/a is going DOWN for maintenance."
                + " 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
        assertThat(state.snapshot(a).status()).isEqualTo(ServerStatus.MAINT);
        assertThat(h.onCheckResult(a, REFUSED, 6).logLines()).as("checks are paused in maintenance").isEmpty();
        BackendHealth.Report back = h.setMaintenance(a, false, 7);
        assertThat(back.logLines()).containsExactly("Server be/a is UP/READY (leaving maintenance).");
        assertThat(back.nextCheckIn()).isEqualTo(Duration.ZERO);
        assertThat(h.onCheckResult(a, REFUSED, 8).transition()).isEqualTo(HealthCheckState.Transition.WENT_DOWN);
    }

    @Test
    void observeLayer4MarkDownTakesTheServerOutOnTrafficErrors() {
        BackendState state = new BackendState("be", List.of(BackendServer.of(0, "a", 1), BackendServer.of(1, "b", 1)), false, 0);
        BackendServer a = state.servers().getFirst();
        BackendHealth h = new BackendHealth(state, new PendingQueues<String>(state, Duration.ZERO),
                StateChangeLog.forBackend("be"), Map.of(a, DEFAULTS),
                Map.of(a, new TrafficObserver(TrafficObserver.Mode.LAYER4, TrafficObserver.OnError.MARK_DOWN, 2)), false);
        h.onCheckResult(a, L4OK, 0);
        assertThat(h.onTraffic(a, TrafficObserver.Event.L4_ERROR, 1).logLines()).isEmpty();
        assertThat(h.onTraffic(a, TrafficObserver.Event.L4_ERROR, 2).logLines()).containsExactly(
                "Server be/a is DOWN, reason: Health analyze, info: \"Detected 2 consecutive errors, last one was: L4 unsuccessful"
                        + " connection\". 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
        assertThat(state.isUsable(a)).isFalse();
    }
}
