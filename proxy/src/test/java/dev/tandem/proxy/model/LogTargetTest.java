package dev.tandem.proxy.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** configuration.txt §3.1 "log <target> [len <n>] [format <f>] <facility> [<level> [<minlevel>]]". */
class LogTargetTest {

    @Test
    void withoutLevelsEveryMessageGoesAsIs() {
        LogTarget t = new LogTarget("127.0.0.1:514", LogTarget.LOCAL0, LogTarget.Format.RFC3164);
        for (int level = 0; level <= 7; level++) {
            assertThat(t.levelFor(level)).isEqualTo(level);
        }
    }

    @Test
    void theLevelDropsLessSevereMessages() {
        LogTarget notice = new LogTarget("127.0.0.1:514", LogTarget.LOCAL0, LogTarget.Format.RFC3164, 5, 0);
        assertThat(notice.levelFor(6)).as("info traffic is dropped").isEqualTo(-1);
        assertThat(notice.levelFor(5)).isEqualTo(5);
        assertThat(notice.levelFor(1)).isEqualTo(1);
    }

    @Test
    void theMinimumLevelCapsMoreSevereMessages() {
        // "used to avoid sending emerg messages on all terminals on some default syslog configurations"
        LogTarget capped = new LogTarget("127.0.0.1:514", LogTarget.LOCAL0, LogTarget.Format.RFC3164, 7, 5);
        assertThat(capped.levelFor(0)).isEqualTo(5);
        assertThat(capped.levelFor(1)).isEqualTo(5);
        assertThat(capped.levelFor(6)).isEqualTo(6);
    }
}
