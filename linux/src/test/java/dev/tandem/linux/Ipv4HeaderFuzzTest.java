package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any raw IPv4 datagram either parses into a header that fits inside it or is rejected with null. */
class Ipv4HeaderFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void anyIpv4DatagramParsesOrIsRejected(byte[] packet) {
        Ipv4Header h = Ipv4Header.parse(packet, packet.length);

        if (h != null) {
            assertThat(h.headerLength()).isBetween(Ipv4Header.MIN_LENGTH, packet.length);
            assertThat(h.ttl()).isBetween(0, 255);
        }
    }
}
