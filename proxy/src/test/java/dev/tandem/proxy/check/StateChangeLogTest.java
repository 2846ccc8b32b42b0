package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.check.StateChangeLog.Counts;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * haproxy 2.6 server.c/check.c state-change messages. Every expected line below was captured from
 * HAProxy 2.6.12 on this project's test machine (log stdout format raw).
 */
class StateChangeLogTest {

    private final StateChangeLog appserver = StateChangeLog.forBackend("appserver");

    @Test
    void downAfterRefusedConnectionMatchesHaproxy() {
        CheckResult refused = CheckResult.of(CheckStatus.L4CON, "Connection refused", 0);
        assertThat(appserver.serverDown("app1", false, Optional.of(refused), new Counts(2, 0), 0, 0, 0))
                .isEqualTo("Server appserver/app1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\","
                        + " check duration: 0ms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued,"
                        + " 0 remaining in queue.");
    }

    @Test
    void downAfterWrongStatusCarriesCodeAndReasonPhrase() {
        CheckResult status500 = new CheckResult(CheckStatus.L7STS, 500, "Internal Server Error", 0);
        assertThat(appserver.serverDown("app3", false, Optional.of(status500), new Counts(1, 0), 0, 0, 0))
                .isEqualTo("Server appserver/app3 is DOWN, reason: Layer7 wrong status, code: 500, info: \"Internal Server"
                        + " Error\", check duration: 0ms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued,"
                        + " 0 remaining in queue.");
    }

    @Test
    void upAfterLayer7CheckMatchesHaproxy() {
        CheckResult ok = new CheckResult(CheckStatus.L7OK, 200, "", 0);
        assertThat(appserver.serverUp("app1", false, Optional.of(ok), new Counts(2, 1), 0, 0))
                .isEqualTo("Server appserver/app1 is UP, reason: Layer7 check passed, code: 200, check duration: 0ms."
                        + " 2 active and 1 backup servers online. 0 sessions requeued, 0 total in queue.");
        assertThat(appserver.serverUp("app1", false, Optional.of(new CheckResult(CheckStatus.L7OK, 200, "", 1)),
                new Counts(3, 0), 0, 0)).isEqualTo("Server appserver/app1 is UP, reason: Layer7 check passed, code: 200,"
                        + " check duration: 1ms. 3 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.");
    }

    @Test
    void lastActiveDownSaysRunningOnBackupAndBackupServersSayBackupServer() {
        StateChangeLog be = StateChangeLog.forBackend("be");
        CheckResult refused = CheckResult.of(CheckStatus.L4CON, "Connection refused", 0);
        assertThat(be.serverDown("app1", false, Optional.of(refused), new Counts(0, 1), 0, 0, 0)).isEqualTo(
                "Server be/app1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms."
                        + " 0 active and 1 backup servers left. Running on backup. 0 sessions active, 0 requeued, 0 remaining in queue.");
        assertThat(be.serverDown("bk1", true, Optional.of(refused), new Counts(0, 0), 0, 0, 0)).isEqualTo(
                "Backup Server be/bk1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms."
                        + " 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
        assertThat(be.noServerAvailable()).isEqualTo("backend be has no server available!");
    }

    @Test
    void aListenSectionIsCalledProxyWhenItHasNoServerLeft() {
        assertThat(StateChangeLog.forListen("li").noServerAvailable()).isEqualTo("proxy li has no server available!");
    }

    @Test
    void downWithoutReasonWhenHealthCheckLoggingAlreadySaidIt() {
        StateChangeLog lonely = StateChangeLog.forBackend("lonely");
        assertThat(lonely.serverDown("l1", false, Optional.empty(), new Counts(0, 0), 0, 0, 0))
                .isEqualTo("Server lonely/l1 is DOWN. 0 active and 0 backup servers left. 0 sessions active, 0 requeued,"
                        + " 0 remaining in queue.");
        assertThat(lonely.noServerAvailable()).isEqualTo("backend lonely has no server available!");
    }

    @Test
    void healthCheckLinesOfOptionLogHealthChecksMatchHaproxy() {
        StateChangeLog lonely = StateChangeLog.forBackend("lonely");
        HealthCheckState h = new HealthCheckState(new CheckSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, 3));
        CheckResult ok = CheckResult.of(CheckStatus.L4OK, "", 0);
        h.apply(ok);
        assertThat(lonely.healthCheck("l1", false, ok, h, false)).isEqualTo(
                "Health check for server lonely/l1 succeeded, reason: Layer4 check passed, check duration: 0ms, status: 3/3 UP.");
        CheckResult refused = CheckResult.of(CheckStatus.L4CON, "Connection refused", 0);
        h.apply(refused);
        assertThat(lonely.healthCheck("l1", false, refused, h, false)).isEqualTo("Health check for server lonely/l1"
                + " failed, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms,"
                + " status: 2/3 UP.");
        h.apply(refused);
        h.apply(refused);
        assertThat(lonely.healthCheck("l1", false, refused, h, false)).endsWith("check duration: 0ms, status: 0/2 DOWN.");
    }

    @Test
    void tcpCheckScriptLinesMatchHaproxy() {
        StateChangeLog b2 = StateChangeLog.forBackend("b2");
        HealthCheckState up = new HealthCheckState(new CheckSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, 3));
        CheckResult pong = new CheckResult(CheckStatus.L7OK, 0, "(tcp-check)", 0);
        up.apply(pong);
        assertThat(b2.healthCheck("t2", false, pong, up, false)).isEqualTo("Health check for server b2/t2 succeeded,"
                + " reason: Layer7 check passed, code: 0, info: \"(tcp-check)\", check duration: 0ms, status: 3/3 UP.");
        HealthCheckState down = new HealthCheckState(new CheckSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, 3));
        CheckResult err = CheckResult.of(CheckStatus.L7RSP, "TCPCHK did not match content '+PONG' at step 2", 0);
        down.apply(err);
        assertThat(b2.healthCheck("t1", false, err, down, false)).isEqualTo("Health check for server b2/t1 failed,"
                + " reason: Layer7 invalid response, info: \"TCPCHK did not match content '+PONG' at step 2\","
                + " check duration: 0ms, status: 0/2 DOWN.");
    }

    @Test
    void maintenanceLines() {
        assertThat(appserver.goingDownForMaintenance("app1", false, new Counts(2, 0), 0, 0, 0)).isEqualTo(
                "Server appserver/app1 is going DOWN for maintenance. 2 active and 0 backup servers left."
                        + " 0 sessions active, 0 requeued, 0 remaining in queue.");
        assertThat(appserver.leavingMaintenance("app1", false, true, false))
                .isEqualTo("Server appserver/app1 is UP/READY (leaving maintenance).");
    }

    @Test
    void infoFromTheServerCannotInjectQuotesOrLineBreaks() {
        CheckResult evil = new CheckResult(CheckStatus.L7STS, 500, "bad\"\nServer x/y is UP", 0);
        assertThat(appserver.serverDown("app1", false, Optional.of(evil), new Counts(0, 0), 0, 0, 0))
                .contains("info: \"bad\\x22\\x0aServer x/y is UP\"").doesNotContain("\n");
    }
}
