package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.check.HealthCheckState.Transition;
import dev.tandem.proxy.check.TrafficObserver.Action;
import dev.tandem.proxy.check.TrafficObserver.Event;
import dev.tandem.proxy.check.TrafficObserver.Mode;
import dev.tandem.proxy.check.TrafficObserver.OnError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** configuration.txt §5.2 "observe", "on-error", "error-limit"; check.c health_adjust. */
class TrafficObserverTest {

    private static HealthCheckState confirmedUp() {
        HealthCheckState h = new HealthCheckState(new CheckSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 2, 3));
        h.apply(CheckResult.of(CheckStatus.L4OK, "", 0));
        return h;
    }

    @Test
    void withoutObserveRefusedTrafficChangesNothing() {
        HealthCheckState h = confirmedUp();
        TrafficObserver o = TrafficObserver.none();
        for (int i = 0; i < 100; i++) {
            assertThat(o.observe(Event.L4_ERROR, h)).isInstanceOf(Action.None.class);
        }
        assertThat(h.isUp()).isTrue();
    }

    @Test
    void markDownTakesTheServerDownAtErrorLimit() {
        HealthCheckState h = confirmedUp();
        TrafficObserver o = new TrafficObserver(Mode.LAYER4, OnError.MARK_DOWN, 1);
        Action a = o.observe(Event.L4_ERROR, h);
        assertThat(a).isInstanceOfSatisfying(Action.Failed.class, f -> {
            assertThat(f.transition()).isEqualTo(Transition.WENT_DOWN);
            assertThat(f.result().status()).isEqualTo(CheckStatus.HANA);
            assertThat(f.result().info()).isEqualTo("Detected 1 consecutive errors, last one was: L4 unsuccessful connection");
        });
    }

    @Test
    void defaultFastinterOnlyAsksForAnEarlyCheckAfterTenErrors() {
        HealthCheckState h = confirmedUp();
        TrafficObserver o = TrafficObserver.layer4();
        for (int i = 0; i < 9; i++) {
            assertThat(o.observe(Event.L4_ERROR, h)).isInstanceOf(Action.None.class);
        }
        assertThat(o.observe(Event.L4_ERROR, h)).isInstanceOf(Action.CheckSoon.class);
        assertThat(h.isUp()).isTrue();
    }

    @Test
    void aSuccessfulConnectionResetsTheErrorCount() {
        HealthCheckState h = confirmedUp();
        TrafficObserver o = new TrafficObserver(Mode.LAYER4, OnError.FAIL_CHECK, 3);
        o.observe(Event.L4_ERROR, h);
        o.observe(Event.L4_ERROR, h);
        o.observe(Event.L4_OK, h);
        assertThat(o.consecutiveErrors()).isZero();
        assertThat(o.observe(Event.L4_ERROR, h)).isInstanceOf(Action.None.class);
    }

    @Test
    void suddenDeathLeavesExactlyOneMoreFailure() {
        HealthCheckState h = confirmedUp();
        TrafficObserver o = new TrafficObserver(Mode.LAYER4, OnError.SUDDEN_DEATH, 1);
        assertThat(o.observe(Event.L4_ERROR, h)).isInstanceOfSatisfying(Action.Failed.class,
                f -> assertThat(f.transition()).isEqualTo(Transition.NONE));
        assertThat(h.apply(CheckResult.of(CheckStatus.L4CON, "Connection refused", 0))).isEqualTo(Transition.WENT_DOWN);
    }

    @Test
    void layer4ObserverIgnoresHttpErrors() {
        HealthCheckState h = confirmedUp();
        TrafficObserver o = new TrafficObserver(Mode.LAYER4, OnError.MARK_DOWN, 1);
        assertThat(o.observe(Event.HTTP_STATUS, h)).isInstanceOf(Action.None.class);
        TrafficObserver l7 = new TrafficObserver(Mode.LAYER7, OnError.MARK_DOWN, 1);
        assertThat(l7.observe(Event.HTTP_STATUS, h)).isInstanceOf(Action.Failed.class);
    }
}
