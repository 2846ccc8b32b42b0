package dev.tandem.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tandem.vrrp.InstanceSettings;
import dev.tandem.vrrp.Received;
import dev.tandem.vrrp.VrrpEngine;
import java.net.InetAddress;
import java.util.List;

/**
 * The advert decoder on arbitrary bytes: it either returns an advert that re-encodes to a decodable equal
 * advert, or throws {@link AdvertException}; nothing else escapes, and the engine never throws either.
 * Seeds: the keepalived 2.2.7 vectors of keepalived.md §4.3.
 */
class AdvertDecoderFuzzTest {
    private static final InetAddress SRC4 = Vectors.LB1;
    private static final InetAddress DST4 = Vectors.GROUP4;
    private static final InetAddress SRC6 = Vectors.LB1_LL;
    private static final InetAddress DST6 = Vectors.GROUP6;

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] input) {
        check(input, false, SRC4, DST4);
        check(input, true, SRC6, DST6);
        VrrpEngine engine = new VrrpEngine(List.of(
                InstanceSettings.builder("VI_4", 12, Vectors.ip("192.0.2.12")).vip(Vectors.ip("192.0.2.100"))
                        .authPass("hunter2").build(),
                InstanceSettings.builder("VI_6", 12, Vectors.ip("fe80::12")).vip(Vectors.ip("2001:db8:12::100"))
                        .build()), List.of(), line -> { });
        engine.start(0);
        engine.onAdvert(1, new Received(input, SRC4, DST4, 255, ""));
        engine.onAdvert(2, new Received(input, SRC6, DST6, 255, ""));
        assertThat(engine.state("VI_4")).isNotNull();
    }

    private static void check(byte[] input, boolean ipv6, InetAddress src, InetAddress dst) {
        Advert a;
        try {
            a = AdvertCodec.decode(input, ipv6, src, dst);
        } catch (AdvertException e) {
            assertThat(e.reason()).isNotNull();
            return;
        }
        byte[] again = AdvertCodec.encode(a, src, dst, ChecksumForm.IPV4_PSEUDO_HEADER);
        try {
            assertThat(AdvertCodec.decode(again, ipv6, src, dst)).isEqualTo(a);
        } catch (AdvertException e) {
            throw new AssertionError("re-encoded advert no longer decodes: " + e.getMessage(), e);
        }
    }
}
