package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Whatever the kernel (or a bug) puts in a netlink datagram, decoding ends without an exception. */
class RtnetlinkCodecFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void anyDatagramDecodesWithoutThrowing(byte[] datagram) {
        int consumed = 0;
        for (RtnetlinkCodec.Message m : RtnetlinkCodec.split(datagram, datagram.length)) {
            consumed += RtnetlinkCodec.HEADER + m.body().length;
            NetlinkEvent event = RtnetlinkCodec.decodeEvent(m);
            if (event instanceof NetlinkEvent.AddressAdded(LinkAddress a)) {
                assertThat(a.prefixLength()).isBetween(0, a.family() == IpFamily.IPV4 ? 32 : 128);
            }
            if (event instanceof NetlinkEvent.LinkChanged(Link link)) {
                assertThat(link.name()).isNotEmpty().hasSizeLessThanOrEqualTo(15);
            }
            m.errorCode();
        }
        assertThat(consumed).isLessThanOrEqualTo(datagram.length);
    }
}
