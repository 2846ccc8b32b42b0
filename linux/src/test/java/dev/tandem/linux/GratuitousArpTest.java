package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class GratuitousArpTest {
    @Test
    void frameIsByteExactWithKeepalivedCapture() throws Exception {
        byte[] frame = GratuitousArp.frame(FrameVectors.LB2_MAC, (Inet4Address) InetAddress.getByName("192.0.2.100"));

        assertThat(frame).isEqualTo(FrameVectors.GARP_192_0_2_100);
    }

    @Test
    void targetHardwareAddressIsBroadcastNotZero() throws Exception {
        // keepalived.md §3.3: keepalived sets tha ff:ff:ff:ff:ff:ff, RFC 5227 would leave it zero.
        byte[] frame = GratuitousArp.frame(FrameVectors.LB2_MAC, (Inet4Address) InetAddress.getByName("198.51.100.7"));

        assertThat(frame).hasSize(GratuitousArp.LENGTH);
        assertThat(java.util.Arrays.copyOfRange(frame, 32, 38)).containsOnly((byte) 0xff);
        assertThat(frame[21]).as("ARP op").isEqualTo((byte) 1);
    }

    @Test
    void macOfWrongLengthIsRejectedWithItsLength() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.getByName("192.0.2.100");

        assertThatThrownBy(() -> GratuitousArp.frame(new byte[5], vip))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 bytes, got 5");
    }
}
