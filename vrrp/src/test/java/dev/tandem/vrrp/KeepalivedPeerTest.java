package dev.tandem.vrrp;

import static dev.tandem.vrrp.sim.Hosts.SECOND;
import static dev.tandem.vrrp.sim.Hosts.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine fed with real keepalived 2.2.7 adverts (keepalived.md §4.3), as a backup on lb2 would see them. */
class KeepalivedPeerTest {
    private static final InetAddress LB1 = ip("192.0.2.11");
    private static final InetAddress LB1_LL = ip("fe80::ff:fe00:11");

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void v2PassAdvertFromKeepalivedHoldsOurBackupAndPriorityZeroCutsToSkewTime() {
        VrrpEngine e = new VrrpEngine(List.of(InstanceSettings.builder("VI_4", 12, ip("192.0.2.12")).priority(100)
                .vip(ip("192.0.2.100")).authPass("hunter2").build()), List.of(), line -> { });
        e.start(0);
        e.onAdvert(SECOND, new Received(hex("210c 9601 0101 1730 c000 0264 6875 6e74 6572 3200"), LB1,
                ip("224.0.0.18"), 255, "eth0"));
        assertThat(e.rejectCounts("VI_4")).isEmpty();
        assertThat(e.nextWakeup()).isEqualTo(SECOND + 3 * SECOND + 156 * SECOND / 256);
        e.onAdvert(2 * SECOND, new Received(hex("210c 0001 0101 ad30 c000 0264 6875 6e74 6572 3200"), LB1,
                ip("224.0.0.18"), 255, "eth0"));
        assertThat(e.nextWakeup()).isEqualTo(2 * SECOND + 156 * SECOND / 256);
        e.onTimer(e.nextWakeup());
        assertThat(e.state("VI_4")).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void v3Ipv6AdvertFromKeepalivedIsAccepted() {
        VrrpEngine e = new VrrpEngine(List.of(InstanceSettings.builder("VI_6", 12, ip("fe80::ff:fe00:12"))
                .priority(100).vip(ip("2001:db8:12::100")).build()), List.of(), line -> { });
        e.start(0);
        e.onAdvert(SECOND, new Received(hex("310c 9601 0064 0c94 2001 0db8 0012 0000 0000 0000 0000 0100"), LB1_LL,
                ip("ff02::12"), 255, "eth0"));
        assertThat(e.rejectCounts("VI_6")).isEmpty();
        assertThat(e.nextWakeup()).isEqualTo(SECOND + 3 * SECOND + 156 * 100 * 10_000L / 256);
    }

    @Test
    void v3Ipv4AdvertFromKeepalivedIsAcceptedInBothChecksumForms() {
        VrrpEngine e = new VrrpEngine(List.of(InstanceSettings.builder("VI_4v3", 13, ip("192.0.2.12")).version(3)
                .priority(100).vip(ip("192.0.2.101")).build()), List.of(), line -> { });
        e.start(0);
        e.onAdvert(SECOND, new Received(hex("310d 9601 0064 d38c c000 0265"), LB1, ip("224.0.0.18"), 255, "eth0"));
        e.onAdvert(2 * SECOND, new Received(hex("310d 9601 0064 7627 c000 0265"), LB1, ip("224.0.0.18"), 255, "eth0"));
        assertThat(e.rejectCounts("VI_4v3")).isEmpty();
        assertThat(e.state("VI_4v3")).isEqualTo(VrrpState.BACKUP);
    }
}
