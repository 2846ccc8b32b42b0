package dev.tandem.proxy.check.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** configuration.txt "timeout check". */
class CheckTimeoutsTest {

    private static final Duration INTER = Duration.ofSeconds(2);

    @Test
    void withoutTimeoutCheckInterBoundsConnectAndReadTogether() {
        assertThat(CheckTimeouts.of(Optional.empty(), Optional.of(Duration.ofSeconds(5)), INTER))
                .isEqualTo(new CheckTimeouts(INTER, Optional.empty()));
    }

    @Test
    void withTimeoutCheckConnectTakesTheSmallerOfTimeoutConnectAndInter() {
        assertThat(CheckTimeouts.of(Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofSeconds(5)), INTER))
                .isEqualTo(new CheckTimeouts(INTER, Optional.of(Duration.ofSeconds(10))));
        assertThat(CheckTimeouts.of(Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofMillis(500)), INTER))
                .isEqualTo(new CheckTimeouts(Duration.ofMillis(500), Optional.of(Duration.ofSeconds(10))));
    }

    @Test
    void withTimeoutCheckButNoTimeoutConnectInterBoundsTheConnect() {
        assertThat(CheckTimeouts.of(Optional.of(Duration.ofMillis(300)), Optional.empty(), INTER))
                .isEqualTo(new CheckTimeouts(INTER, Optional.of(Duration.ofMillis(300))));
    }
}
