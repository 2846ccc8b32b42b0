package dev.tandem.vrrp;

import static dev.tandem.vrrp.sim.Hosts.ip;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tandem.vrrp.packet.Advert;
import dev.tandem.vrrp.packet.AdvertCodec;
import dev.tandem.vrrp.packet.AuthType;
import dev.tandem.vrrp.packet.ChecksumForm;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Arbitrary event sequences against a two-instance sync group plus a lone instance: the engine never throws,
 * never asks for a wake-up that is not in the future, and adds/removes VIPs strictly in turn.
 */
class VrrpEngineFuzzTest {
    private static final InetAddress VIP4 = ip("192.0.2.100");
    private static final InetAddress VIP6 = ip("2001:db8:12::100");
    private static final InetAddress GROUP4 = ip("224.0.0.18");
    private static final InetAddress GROUP6 = ip("ff02::12");

    @FuzzTest(maxDuration = "20s")
    void eventSequences(FuzzedDataProvider data) {
        VrrpEngine e = new VrrpEngine(List.of(
                InstanceSettings.builder("VI_4", 12, ip("192.0.2.11")).priority(data.consumeInt(1, 255))
                        .vip(VIP4).authPass("pw").track(Track.script("chk", data.consumeInt(-253, 253))).build(),
                InstanceSettings.builder("VI_6", 12, ip("fe80::11")).priority(data.consumeInt(1, 255))
                        .advertIntervalCentis(data.consumeInt(1, 4095)).vip(VIP6).build(),
                InstanceSettings.builder("VI_X", 40, ip("192.0.2.11")).priority(data.consumeInt(1, 255))
                        .initialState(data.consumeBoolean() ? VrrpState.MASTER : VrrpState.BACKUP)
                        .nopreempt(data.consumeBoolean()).vip(ip("192.0.2.140"))
                        .track(Track.file("f", data.consumeInt(-254, 254))).build()),
                List.of(new SyncGroupSettings("VG", List.of("VI_4", "VI_6"), data.consumeBoolean(), false)),
                line -> { });
        Map<String, Boolean> held = new HashMap<>();
        long now = 0;
        check(e, e.start(now), now, held);
        int steps = data.consumeInt(0, 200);
        for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
            now += data.consumeLong(0, 5_000_000);
            List<Action> out = switch (data.consumeInt(0, 5)) {
                case 0 -> e.onTimer(now);
                case 1 -> e.onAdvert(now, advert(data, false));
                case 2 -> e.onAdvert(now, advert(data, true));
                case 3 -> e.onTrack(now, data.consumeBoolean() ? TrackKind.SCRIPT : TrackKind.FILE,
                        data.consumeBoolean() ? "chk" : "f",
                        data.consumeBoolean() ? TrackStatus.value(data.consumeLong(-100, 100))
                                : data.consumeBoolean() ? TrackStatus.UP : TrackStatus.DOWN);
                case 4 -> e.onLink(now, "eth0", data.consumeBoolean());
                default -> e.onAdvert(now, new Received(data.consumeBytes(64), ip("192.0.2.12"), GROUP4,
                        data.consumeInt(0, 255), ""));
            };
            check(e, out, now, held);
        }
        check(e, e.shutdown(now), now, held);
        assertThat(held.values()).doesNotContain(true);
    }

    private static Received advert(FuzzedDataProvider data, boolean v6) {
        int prio = data.consumeInt(0, 255);
        InetAddress from = v6 ? ip(data.consumeBoolean() ? "fe80::12" : "fe80::10")
                : ip(data.consumeBoolean() ? "192.0.2.12" : "192.0.2.10");
        Advert a = v6 ? new Advert(3, 12, prio, data.consumeInt(1, 4095), AuthType.NONE, "", List.of(VIP6))
                : new Advert(2, data.consumeBoolean() ? 12 : 40, prio, 100, AuthType.PASS, "pw",
                        List.of(data.consumeBoolean() ? VIP4 : ip("192.0.2.140")));
        InetAddress to = v6 ? GROUP6 : GROUP4;
        return new Received(AdvertCodec.encode(a, from, to, ChecksumForm.IPV4_PSEUDO_HEADER), from, to, 255, "eth0");
    }

    private static void check(VrrpEngine e, List<Action> out, long now, Map<String, Boolean> held) {
        assertThat(e.nextWakeup()).isGreaterThan(now);
        for (Action a : out) {
            if (a instanceof Action.AddVips add) {
                assertThat(held.put(add.name(), true)).as("VIPs of %s added twice", add.name()).isNotEqualTo(true);
            } else if (a instanceof Action.RemoveVips rm) {
                assertThat(held.put(rm.name(), false)).as("VIPs of %s removed unheld", rm.name()).isTrue();
            }
        }
        for (InstanceStatus st : e.status()) {
            assertThat(Boolean.TRUE.equals(held.get(st.name()))).isEqualTo(st.state() == VrrpState.MASTER);
        }
    }
}
