package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** check.c start_checks (initial spreading), configuration.txt "spread-checks", "max-spread-checks". */
class CheckScheduleTest {

    private static Duration ms(long v) {
        return Duration.ofMillis(v);
    }

    @Test
    void checksStartSpreadEvenlyOverTheSmallestInterval() {
        CheckSchedule s = new CheckSchedule(0, Duration.ZERO, new Random(1));
        assertThat(s.initialDelays(List.of(ms(2000), ms(2000), ms(2000), ms(2000))))
                .containsExactly(ms(0), ms(500), ms(1000), ms(1500));
    }

    @Test
    void intervalsBelowOneSecondDoNotShrinkTheSpreadOfOthers() {
        // measured on 2.6.12: with one check at 60s, a 500ms check started 12s late (60s * 1 / 5)
        CheckSchedule s = new CheckSchedule(0, Duration.ZERO, new Random(1));
        assertThat(s.initialDelays(List.of(ms(500), ms(500), ms(500), ms(60_000), ms(60_000))))
                .containsExactly(ms(0), ms(12_000), ms(24_000), ms(36_000), ms(48_000));
    }

    @Test
    void maxSpreadChecksCapsTheStartSpread() {
        CheckSchedule s = new CheckSchedule(0, ms(1000), new Random(1));
        assertThat(s.initialDelays(List.of(ms(10_000), ms(10_000)))).containsExactly(ms(0), ms(500));
    }

    @Test
    void spreadChecksVariesTheIntervalWithinPlusMinusPercent() {
        CheckSchedule s = new CheckSchedule(10, Duration.ZERO, new Random(42));
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Duration d = s.nextDelay(ms(2000));
            assertThat(d).isBetween(ms(1800), ms(2200));
            seen.add(d);
        }
        assertThat(seen.size()).isGreaterThan(50);
        assertThat(new CheckSchedule(0, Duration.ZERO, new Random(1)).nextDelay(ms(2000))).isEqualTo(ms(2000));
    }
}
