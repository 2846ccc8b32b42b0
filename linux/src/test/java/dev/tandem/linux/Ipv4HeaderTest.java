package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ipv4HeaderTest {
    @Test
    void headerIncludedMatchesKeepalivedsExceptKernelFilledFields() throws Exception {
        // keepalived.md §4.3: 45c0 0028 0004 0000 ff70 1884 c000020b e0000012 (id and checksum come from the kernel).
        byte[] header = Ipv4Header.encode(0xc0, 255, 112, (Inet4Address) InetAddress.getByName("192.0.2.11"),
                (Inet4Address) InetAddress.getByName("224.0.0.18"), 20);

        byte[] captured = FrameVectors.hex("45c0 0028 0004 0000 ff70 1884 c000 020b e000 0012");
        captured[4] = 0;
        captured[5] = 0;
        captured[10] = 0;
        captured[11] = 0;
        assertThat(header).isEqualTo(captured);
    }

    @Test
    void parseReadsTtlTosAndAddresses() {
        byte[] packet = FrameVectors.hex("45c0 0028 0004 0000 ff70 1884 c000 020b e000 0012 210c 9601");

        Ipv4Header h = Ipv4Header.parse(packet, packet.length);

        assertThat(h).isNotNull();
        assertThat(h.ttl()).isEqualTo(255);
        assertThat(h.tos()).isEqualTo(0xc0);
        assertThat(h.protocol()).isEqualTo(112);
        assertThat(h.source().getHostAddress()).isEqualTo("192.0.2.11");
        assertThat(h.destination().getHostAddress()).isEqualTo("224.0.0.18");
        assertThat(h.headerLength()).isEqualTo(20);
    }

    @Test
    void nonIpv4OrTruncatedHeaderIsNotParsed() {
        byte[] packet = FrameVectors.hex("45c0 0028 0004 0000 ff70 1884 c000 020b e000 0012");
        byte[] v6 = packet.clone();
        v6[0] = 0x60;
        byte[] longIhl = packet.clone();
        longIhl[0] = 0x46;

        assertThat(Ipv4Header.parse(Arrays.copyOf(packet, 19), 19)).isNull();
        assertThat(Ipv4Header.parse(v6, v6.length)).isNull();
        assertThat(Ipv4Header.parse(longIhl, longIhl.length)).as("IHL 24 > 20 bytes received").isNull();
    }
}
