package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Whatever recvmsg leaves in the control buffer, parsing it ends without an exception. */
class ControlMessagesFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void anyControlBufferParsesWithoutThrowing(byte[] control) {
        ControlMessages.Ancillary a = ControlMessages.parse(control, control.length);

        assertThat(a.destination() == null || a.destination().getAddress().length >= 4).isTrue();
    }
}
