package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class UnsolicitedNeighbourAdvertTest {
    @Test
    void frameIsByteExactWithKeepalivedCaptureWhenNotForwarding() throws Exception {
        byte[] frame = UnsolicitedNeighbourAdvert.frame(FrameVectors.LB2_MAC,
                (Inet6Address) InetAddress.getByName("2001:db8:12::100"), false);

        assertThat(frame).isEqualTo(FrameVectors.NA_2001_DB8_12__100);
    }

    @Test
    void routerFlagIsSetWhenTheInterfaceForwardsAndChecksumStaysValid() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.getByName("2001:db8:12::100");
        Inet6Address allNodes = (Inet6Address) InetAddress.getByName("ff02::1");

        byte[] frame = UnsolicitedNeighbourAdvert.frame(FrameVectors.LB2_MAC, vip, true);

        assertThat(frame[54 + 4]).as("R|O flags").isEqualTo((byte) 0xa0);
        assertThat(InternetChecksum.ipv6(vip, allNodes, 58, frame, 54, 32)).as("checksum over pseudo-header").isZero();
    }

    @Test
    void hopLimitIs255AsRfc4861Requires() throws Exception {
        byte[] frame = UnsolicitedNeighbourAdvert.frame(FrameVectors.LB2_MAC,
                (Inet6Address) InetAddress.getByName("2001:db8::5"), false);

        assertThat(frame[14 + 7] & 0xff).isEqualTo(255);
        assertThat(frame).hasSize(UnsolicitedNeighbourAdvert.LENGTH);
    }
}
