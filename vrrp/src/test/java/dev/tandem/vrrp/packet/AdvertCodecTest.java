package dev.tandem.vrrp.packet;

import static dev.tandem.vrrp.packet.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertCodecTest {
    private static final Advert V2 = new Advert(2, 12, 150, 100, AuthType.PASS, "hunter2", List.of(ip("192.0.2.100")));
    private static final Advert V3_4 = new Advert(3, 13, 150, 100, AuthType.NONE, "", List.of(ip("192.0.2.101")));
    private static final Advert V3_6 = new Advert(3, 12, 150, 100, AuthType.NONE, "",
            List.of(ip("2001:db8:12::100")));

    @Test
    void v2PassAdvertMatchesKeepalivedBytes() {
        assertThat(AdvertCodec.encode(V2, LB1, GROUP4, ChecksumForm.IPV4_PSEUDO_HEADER)).isEqualTo(hex(V2_PRIO150));
    }

    @Test
    void v2ShutdownAdvertCarriesPriorityZero() {
        assertThat(AdvertCodec.encode(V2.withPriority(0), LB1, GROUP4, ChecksumForm.IPV4_PSEUDO_HEADER))
                .isEqualTo(hex(V2_PRIO0));
    }

    @Test
    void v2DecodesKeepalivedPassAdvert() throws AdvertException {
        assertThat(AdvertCodec.decode(hex(V2_PRIO150), false, LB1, GROUP4)).isEqualTo(V2);
        assertThat(AdvertCodec.decode(hex(V2_PRIO0), false, LB1, GROUP4)).isEqualTo(V2.withPriority(0));
    }

    @Test
    void v2ChecksumHasNoPseudoHeader() throws AdvertException {
        // RFC 3768 §5.3.8: the addresses do not take part, so any source decodes.
        assertThat(AdvertCodec.decode(hex(V2_PRIO150), false, ip("198.51.100.7"), GROUP4).priority()).isEqualTo(150);
    }

    @Test
    void v3OverIpv4UsesKeepalivedPseudoHeaderChecksumByDefault() {
        assertThat(AdvertCodec.encode(V3_4, LB1, GROUP4, ChecksumForm.IPV4_PSEUDO_HEADER)).isEqualTo(hex(V3_IPV4));
    }

    @Test
    void v3OverIpv4WithChecksumAsV2UsesRfc9568Form() {
        assertThat(AdvertCodec.encode(V3_4, LB1, GROUP4, ChecksumForm.VRRP_MESSAGE_ONLY))
                .isEqualTo(hex(V3_IPV4_RFC9568));
    }

    @Test
    void v3OverIpv4AcceptsBothChecksumForms() throws AdvertException {
        assertThat(AdvertCodec.decode(hex(V3_IPV4), false, LB1, GROUP4)).isEqualTo(V3_4);
        assertThat(AdvertCodec.decode(hex(V3_IPV4_RFC9568), false, LB1, GROUP4)).isEqualTo(V3_4);
    }

    @Test
    void v3OverIpv6MatchesKeepalivedBytesWithIpv6PseudoHeader() throws AdvertException {
        assertThat(AdvertCodec.encode(V3_6, LB1_LL, GROUP6, ChecksumForm.IPV4_PSEUDO_HEADER)).isEqualTo(hex(V3_IPV6));
        assertThat(AdvertCodec.encode(V3_6.withPriority(0), LB1_LL, GROUP6, ChecksumForm.VRRP_MESSAGE_ONLY))
                .isEqualTo(hex(V3_IPV6_PRIO0));
        assertThat(AdvertCodec.decode(hex(V3_IPV6), true, LB1_LL, GROUP6)).isEqualTo(V3_6);
        assertThat(AdvertCodec.decode(hex(V3_IPV6_PRIO0), true, LB1_LL, GROUP6)).isEqualTo(V3_6.withPriority(0));
    }

    @Test
    void v3OverIpv6RejectsChecksumWithoutPseudoHeader() {
        byte[] wrongSource = hex(V3_IPV6);
        assertThatThrownBy(() -> AdvertCodec.decode(wrongSource, true, ip("fe80::1"), GROUP6))
                .isInstanceOfSatisfying(AdvertException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.CHECKSUM));
    }

    @Test
    void corruptedByteFailsChecksum() {
        byte[] b = hex(V2_PRIO150);
        b[9] ^= 1;
        assertThatThrownBy(() -> AdvertCodec.decode(b, false, LB1, GROUP4))
                .isInstanceOfSatisfying(AdvertException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.CHECKSUM));
    }

    @Test
    void v2AuthenticationHeaderIsRecognisedAndRefused() {
        byte[] b = hex(V2_PRIO150);
        b[4] = 2;
        assertThatThrownBy(() -> AdvertCodec.decode(b, false, LB1, GROUP4))
                .isInstanceOfSatisfying(AdvertException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.AUTH_AH_UNSUPPORTED);
                    assertThat(e.getMessage()).contains("IPSEC-AH");
                });
    }

    @Test
    void truncatedAddressListIsTooShort() {
        byte[] b = hex(V2_PRIO150);
        b[3] = 3;
        assertThatThrownBy(() -> AdvertCodec.decode(b, false, LB1, GROUP4))
                .isInstanceOfSatisfying(AdvertException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_SHORT));
    }

    @Test
    void versionAndTypeAreChecked() {
        byte[] v4 = hex(V2_PRIO150);
        v4[0] = 0x41;
        byte[] type2 = hex(V2_PRIO150);
        type2[0] = 0x22;
        assertThatThrownBy(() -> AdvertCodec.decode(v4, false, LB1, GROUP4))
                .isInstanceOfSatisfying(AdvertException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.VERSION));
        assertThatThrownBy(() -> AdvertCodec.decode(type2, false, LB1, GROUP4))
                .isInstanceOfSatisfying(AdvertException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.TYPE));
    }

    @Test
    void ipv4HeaderOfCapturedFrameParses() throws AdvertException {
        byte[] frame = hex(V2_FRAME);
        Ipv4Header h = Ipv4Header.parse(frame, 14, frame.length - 14);
        assertThat(h.ttl()).isEqualTo(255);
        assertThat(h.tos()).isEqualTo(0xc0);
        assertThat(h.protocol()).isEqualTo(112);
        assertThat(h.source()).isEqualTo(LB1);
        assertThat(h.destination()).isEqualTo(GROUP4);
        assertThat(AdvertCodec.decode(frame, h.payloadOffset(), h.payloadLength(), false, h.source(),
                h.destination())).isEqualTo(V2);
    }

    @Test
    void ipv4HeaderIsBuiltAsKeepalivedWritesIt() {
        byte[] frame = hex(V3_IPV4_FRAME);
        byte[] built = Ipv4Header.build((Inet4Address) LB1, (Inet4Address) GROUP4, 255, 4, 12, true);
        assertThat(built).isEqualTo(java.util.Arrays.copyOfRange(frame, 14, 34));
    }

    @Test
    void ahProtocolIsRefusedAtIpHeader() {
        byte[] frame = hex(V2_FRAME);
        frame[14 + 9] = 51;
        assertThatThrownBy(() -> Ipv4Header.parse(frame, 14, frame.length - 14))
                .isInstanceOfSatisfying(AdvertException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.AUTH_AH_UNSUPPORTED));
    }

    @Test
    void v3IntervalUsesTwelveBitsOfCentiseconds() throws AdvertException {
        Advert a = new Advert(3, 7, 100, 4095, AuthType.NONE, "", List.of(ip("192.0.2.1")));
        byte[] b = AdvertCodec.encode(a, LB1, GROUP4, ChecksumForm.IPV4_PSEUDO_HEADER);
        assertThat(b[4]).isEqualTo((byte) 0x0f);
        assertThat(AdvertCodec.decode(b, false, LB1, GROUP4).intervalCentis()).isEqualTo(4095);
    }
}
