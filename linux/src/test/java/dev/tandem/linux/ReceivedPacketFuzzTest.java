package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** recvmsg's control buffer and a raw IPv4 datagram are parsed without exceptions, whatever they hold. */
class ReceivedPacketFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void anyControlBufferParsesWithoutThrowing(byte[] control) {
        ControlMessages.Ancillary a = ControlMessages.parse(control, control.length);

        assertThat(a.destination() == null || a.destination().getAddress().length >= 4).isTrue();
    }

    @FuzzTest(maxDuration = "20s")
    void anyIpv4DatagramParsesOrIsRejected(byte[] packet) {
        Ipv4Header h = Ipv4Header.parse(packet, packet.length);

        if (h != null) {
            assertThat(h.headerLength()).isBetween(Ipv4Header.MIN_LENGTH, packet.length);
            assertThat(h.ttl()).isBetween(0, 255);
        }
    }
}
