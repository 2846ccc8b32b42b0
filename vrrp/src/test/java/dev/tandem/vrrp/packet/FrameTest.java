package dev.tandem.vrrp.packet;

import static dev.tandem.vrrp.packet.Vectors.hex;
import static dev.tandem.vrrp.packet.Vectors.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import org.junit.jupiter.api.Test;

class FrameTest {
    private static final MacAddress LB2 = MacAddress.parse("02:00:00:00:00:12");

    @Test
    void gratuitousArpIsBroadcastRequestWithBroadcastTargetMac() {
        assertThat(GratuitousArp.frame(LB2, (Inet4Address) ip("192.0.2.100"))).isEqualTo(hex(Vectors.GARP));
    }

    @Test
    void unsolicitedNaSetsOverrideOnlyWhenNotForwarding() {
        assertThat(NeighbourAdvert.frame(LB2, (Inet6Address) ip("2001:db8:12::100"), false))
                .isEqualTo(hex(Vectors.NA));
    }

    @Test
    void unsolicitedNaSetsRouterFlagWhenForwarding() {
        byte[] frame = NeighbourAdvert.frame(LB2, (Inet6Address) ip("2001:db8:12::100"), true);
        assertThat(frame[14 + 40 + 4]).isEqualTo((byte) 0xa0);
        // R adds 0x8000 to the sum, so the checksum drops by 0x8000 (one's complement).
        assertThat(((frame[56] & 0xff) << 8) | (frame[57] & 0xff)).isEqualTo(0x76f7);
    }

    @Test
    void virtualRouterMacFollowsRfc5798() {
        assertThat(MacAddress.virtualRouter(12, false).toString()).isEqualTo("00:00:5e:00:01:0c");
        assertThat(MacAddress.virtualRouter(12, true).toString()).isEqualTo("00:00:5e:00:02:0c");
    }
}
