package dev.tandem.vrrp.track;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptHealthTest {
    @Test
    void fallConsecutiveFailuresMakeAGoodScriptBad() {
        ScriptHealth h = new ScriptHealth(2, 3, false);
        assertThat(h.record(false)).isFalse();
        assertThat(h.record(false)).isFalse();
        assertThat(h.record(true)).isFalse();
        assertThat(h.record(false)).isFalse();
        assertThat(h.record(false)).isFalse();
        assertThat(h.record(false)).isTrue();
        assertThat(h.up()).isFalse();
    }

    @Test
    void riseConsecutiveSuccessesMakeABadScriptGood() {
        ScriptHealth h = new ScriptHealth(2, 1, true);
        assertThat(h.up()).isFalse();
        assertThat(h.record(true)).isFalse();
        assertThat(h.record(true)).isTrue();
        assertThat(h.up()).isTrue();
    }

    @Test
    void initFailStartsDownOtherwiseUp() {
        assertThat(new ScriptHealth(1, 1, true).up()).isFalse();
        assertThat(new ScriptHealth(1, 1, false).up()).isTrue();
    }

    @Test
    void commandLineKeepsQuotedWordsTogether() {
        assertThat(CommandLine.split("killall -0 haproxy")).containsExactly("killall", "-0", "haproxy");
        assertThat(CommandLine.split("/x.sh 'a b' \"c d\" e\\ f")).containsExactly("/x.sh", "a b", "c d", "e f");
    }

    @Test
    void trackFileReadsLeadingNumber() {
        assertThat(TrackFileValue.parse(" -12\n")).isEqualTo(-12);
        assertThat(TrackFileValue.parse("7 apples")).isEqualTo(7);
        assertThat(TrackFileValue.parse("none")).isZero();
    }
}
