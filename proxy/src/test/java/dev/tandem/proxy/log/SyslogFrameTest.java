package dev.tandem.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.model.LogTarget;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** haproxy 2.6 log framing per "log ... format" (configuration.txt §3.1). */
class SyslogFrameTest {

    private final SyslogFrame frame = new SyslogFrame("haproxy", 28093, "lb1", ZoneId.of("UTC"));
    private final Instant at = Instant.parse("2026-11-25T15:41:10.531Z");

    @Test
    void rfc3164HasPriorityDateTagAndPidWithoutHostname() {
        assertThat(frame.frame(LogTarget.Format.RFC3164, LogTarget.LOCAL0, SyslogFrame.INFO, at, "msg"))
                .isEqualTo("<134>Nov 25 15:41:10 haproxy[28093]: msg");
    }

    @Test
    void rfc3164PadsSingleDigitDaysWithASpace() {
        assertThat(frame.frame(LogTarget.Format.RFC3164, LogTarget.LOCAL0, SyslogFrame.INFO,
                Instant.parse("2026-11-05T01:02:03Z"), "m")).isEqualTo("<134>Nov  5 01:02:03 haproxy[28093]: m");
    }

    @Test
    void rfc5424CarriesVersionTimestampHostTagAndPid() {
        assertThat(frame.frame(LogTarget.Format.RFC5424, LogTarget.LOCAL0, SyslogFrame.INFO, at, "msg"))
                .isEqualTo("<134>1 2026-11-25T15:41:10.531000+00:00 lb1 haproxy 28093 - - msg");
    }

    @Test
    void rawIsTheBareMessageAndShortOnlyTheLevel() {
        assertThat(frame.frame(LogTarget.Format.RAW, LogTarget.LOCAL0, SyslogFrame.INFO, at, "msg")).isEqualTo("msg");
        assertThat(frame.frame(LogTarget.Format.SHORT, LogTarget.LOCAL0, SyslogFrame.INFO, at, "msg"))
                .isEqualTo("<6>msg");
    }
}
