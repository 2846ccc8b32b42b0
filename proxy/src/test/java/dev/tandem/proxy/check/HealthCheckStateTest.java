package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.Server;
import dev.tandem.proxy.check.HealthCheckState.Transition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** configuration.txt §5.2 "rise", "fall", "inter", "fastinter", "downinter"; check.c health counter. */
class HealthCheckStateTest {

    private static final CheckResult OK = CheckResult.of(CheckStatus.L7OK, "", 1);
    private static final CheckResult REFUSED = CheckResult.of(CheckStatus.L4CON, "Connection refused", 0);

    private static CheckSettings settings(int rise, int fall) {
        return new CheckSettings(Duration.ofMillis(2000), Duration.ofMillis(500), Duration.ofMillis(10_000), rise, fall);
    }

    @Test
    void defaultsAreInter2000Rise2Fall3() {
        CheckSettings s = CheckSettings.of(Server.ServerCheck.DEFAULT);
        assertThat(s).isEqualTo(new CheckSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), 2, 3));
    }

    @Test
    void freshServerStartsUpAndItsFirstFailedCheckTakesItDown() {
        // haproxy 2.6.12 measured: "Server appserver/app1 is DOWN" after the first refused check
        HealthCheckState h = new HealthCheckState(settings(2, 3));
        assertThat(h.isUp()).isTrue();
        assertThat(h.apply(REFUSED)).isEqualTo(Transition.WENT_DOWN);
    }

    @Test
    void confirmedUpServerNeedsFallConsecutiveFailuresToGoDown() {
        HealthCheckState h = new HealthCheckState(settings(2, 3));
        assertThat(h.apply(OK)).isEqualTo(Transition.NONE);
        assertThat(h.apply(REFUSED)).isEqualTo(Transition.NONE);
        assertThat(h.apply(REFUSED)).isEqualTo(Transition.NONE);
        assertThat(h.apply(REFUSED)).isEqualTo(Transition.WENT_DOWN);
    }

    @Test
    void aSuccessInBetweenRestoresFullHealth() {
        HealthCheckState h = new HealthCheckState(settings(2, 3));
        h.apply(OK);
        h.apply(REFUSED);
        h.apply(REFUSED);
        h.apply(OK);
        assertThat(h.apply(REFUSED)).isEqualTo(Transition.NONE);
        assertThat(h.apply(REFUSED)).isEqualTo(Transition.NONE);
        assertThat(h.apply(REFUSED)).isEqualTo(Transition.WENT_DOWN);
    }

    @Test
    void downServerNeedsRiseConsecutiveSuccessesToComeBack() {
        HealthCheckState h = new HealthCheckState(settings(3, 2));
        h.apply(REFUSED);
        assertThat(h.apply(OK)).isEqualTo(Transition.NONE);
        assertThat(h.apply(REFUSED)).isEqualTo(Transition.NONE);
        assertThat(h.apply(OK)).isEqualTo(Transition.NONE);
        assertThat(h.apply(OK)).isEqualTo(Transition.NONE);
        assertThat(h.apply(OK)).isEqualTo(Transition.WENT_UP);
    }

    @Test
    void conditionalPassCountsAsSuccessAndNeutralChangesNothing() {
        HealthCheckState h = new HealthCheckState(settings(2, 3));
        h.apply(REFUSED);
        h.apply(CheckResult.of(CheckStatus.L7OKC, "", 1));
        assertThat(h.apply(new CheckResult(CheckStatus.L7OKC, 404, "", 1))).isEqualTo(Transition.WENT_UP);
        assertThat(h.apply(CheckResult.of(CheckStatus.CHECKED, "", 1))).isEqualTo(Transition.NONE);
        assertThat(h.health()).isEqualTo(4);
    }

    @Test
    void intervalIsInterWhenFullyUpDowninterWhenDownFastinterInBetween() {
        HealthCheckState h = new HealthCheckState(settings(2, 3));
        // a fresh server sits at rise, not at the top: it is still "transitioning"
        assertThat(h.nextInterval()).isEqualTo(Duration.ofMillis(500));
        h.apply(OK);
        assertThat(h.nextInterval()).isEqualTo(Duration.ofMillis(2000));
        h.apply(REFUSED);
        assertThat(h.nextInterval()).isEqualTo(Duration.ofMillis(500));
        h.apply(REFUSED);
        h.apply(REFUSED);
        assertThat(h.nextInterval()).isEqualTo(Duration.ofMillis(10_000));
        h.apply(OK);
        assertThat(h.nextInterval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void leavingMaintenanceStartsUpAndChecksAtFastinter() {
        HealthCheckState h = new HealthCheckState(settings(2, 3));
        h.enterMaintenance();
        assertThat(h.isUp()).isFalse();
        assertThat(h.isPaused()).isTrue();
        h.leaveMaintenance();
        assertThat(h.isUp()).isTrue();
        assertThat(h.apply(REFUSED)).isEqualTo(Transition.WENT_DOWN);
    }

    @Test
    void progressIsPrintedAsHaproxyDoes() {
        // measured on 2.6.12 with rise 2 fall 3: 3/3 UP, 2/3 UP, 1/3 UP, 0/2 DOWN
        HealthCheckState h = new HealthCheckState(settings(2, 3));
        h.apply(OK);
        assertThat(h.progress(false)).isEqualTo("3/3 UP");
        h.apply(REFUSED);
        assertThat(h.progress(false)).isEqualTo("2/3 UP");
        h.apply(REFUSED);
        assertThat(h.progress(true)).isEqualTo("1/3 DRAIN");
        h.apply(REFUSED);
        assertThat(h.progress(false)).isEqualTo("0/2 DOWN");
        h.apply(OK);
        assertThat(h.progress(false)).isEqualTo("1/2 DOWN");
    }
}
