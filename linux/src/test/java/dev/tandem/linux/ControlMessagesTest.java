package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** cmsg(3): size_t cmsg_len, int level, int type, data; each header aligned to 8. */
class ControlMessagesTest {
    @Test
    void hopLimitAndPktinfoAreReadFromAlignedCmsgs() {
        ByteBuffer c = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        c.putLong(20).putInt(Sockopt.IPPROTO_IPV6).putInt(Sockopt.IPV6_HOPLIMIT).putInt(255).putInt(0);
        c.putLong(36).putInt(Sockopt.IPPROTO_IPV6).putInt(Sockopt.IPV6_PKTINFO);
        c.put(FrameVectors.hex("ff020000000000000000000000000012")).putInt(7);

        ControlMessages.Ancillary a = ControlMessages.parse(c.array(), 24 + 36);

        assertThat(a.hopLimit()).isEqualTo(255);
        assertThat(a.destination().getHostAddress()).isEqualTo("ff02:0:0:0:0:0:0:12");
        assertThat(a.ifindex()).isEqualTo(7);
    }

    @Test
    void ipv4PktinfoGivesIfindexAndHeaderDestination() {
        ByteBuffer c = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        c.putLong(28).putInt(Sockopt.IPPROTO_IP).putInt(Sockopt.IP_PKTINFO).putInt(3);
        c.put(FrameVectors.hex("c0000201 e0000012"));

        ControlMessages.Ancillary a = ControlMessages.parse(c.array(), 28);

        assertThat(a.ifindex()).isEqualTo(3);
        assertThat(a.destination().getHostAddress()).isEqualTo("224.0.0.18");
        assertThat(a.hopLimit()).isEqualTo(-1);
    }

    @Test
    void cmsgLongerThanTheBufferIsIgnored() {
        ByteBuffer c = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
        c.putLong(4096).putInt(Sockopt.IPPROTO_IPV6).putInt(Sockopt.IPV6_HOPLIMIT).putInt(1);

        assertThat(ControlMessages.parse(c.array(), 24)).isEqualTo(ControlMessages.Ancillary.NONE);
    }
}
