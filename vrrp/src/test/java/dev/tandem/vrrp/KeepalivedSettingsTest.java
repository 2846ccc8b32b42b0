package dev.tandem.vrrp;

import static dev.tandem.vrrp.sim.Hosts.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.keepalived.KeepalivedConfigReader;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import dev.tandem.vrrp.packet.AuthType;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** keepalived.conf model -> engine settings, on configs read by the real config reader. */
class KeepalivedSettingsTest {
    private static final KeepalivedSettings.PrimaryAddress HOST = (ifname, ipv6) -> Optional.of(ipv6
            ? ip("fe80::11") : ifname.equals("eth1") ? ip("198.51.100.11") : ip("192.0.2.11"));

    private static KeepalivedConfig read(String name) throws URISyntaxException {
        Path p = Path.of(KeepalivedSettingsTest.class.getResource(name).toURI());
        ParseResult<KeepalivedConfig> r = KeepalivedConfigReader.read(p, HostFacts.permissive(Map.of()));
        assertThat(r.model()).as("diagnostics %s", r.diagnostics()).isPresent();
        return r.model().orElseThrow();
    }

    private static InstanceSettings instance(KeepalivedSettings s, String name) {
        return s.instances().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void articleConfigMapsWithEqualStateAsBackupAndOtherFamilyVipExcluded() throws URISyntaxException {
        KeepalivedSettings s = KeepalivedSettings.from(read("article-keepalived.conf"), HOST, "lb1");
        InstanceSettings extern = instance(s, "EXTERN");
        assertThat(extern.initialState()).isEqualTo(VrrpState.BACKUP);
        assertThat(extern.priority()).isEqualTo(100);
        assertThat(extern.version()).isEqualTo(2);
        assertThat(extern.authType()).isEqualTo(AuthType.PASS);
        assertThat(extern.authPass()).isEqualTo("hunter2");
        assertThat(extern.vips()).extracting(Vip::address).containsExactly(ip("1.2.3.4"));
        assertThat(extern.excludedVips()).extracting(Vip::address).containsExactly(ip("2a02:123:45:67bb::1"));
        assertThat(extern.sourceAddress()).isEqualTo(ip("192.0.2.11"));
        assertThat(extern.smtpAlert()).isTrue();
        assertThat(s.syncGroups()).singleElement().satisfies(g -> assertThat(g.members())
                .containsExactlyInAnyOrder("EXTERN", "INTERN"));
        assertThat(s.smtp()).hasValueSatisfying(m -> {
            assertThat(m.server()).isEqualTo("127.0.0.1");
            assertThat(m.port()).isEqualTo(25);
            assertThat(m.routerId()).isEqualTo("LB1");
            assertThat(m.to()).containsExactly("ops@example.com");
        });
        assertThat(s.notifies().get("EXTERN").generic()).containsExactly("/usr/local/bin/keepalived-extern.sh");
        // And the engine accepts it as is.
        VrrpEngine e = new VrrpEngine(s.instances(), s.syncGroups(), line -> { });
        e.start(0);
        assertThat(e.state("EXTERN")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void scriptsTrackingUnicastAndV3IntervalsCarryOver() throws URISyntaxException {
        KeepalivedSettings s = KeepalivedSettings.from(read("two-families.conf"), HOST, "lb1");
        InstanceSettings v4 = instance(s, "VI_4");
        assertThat(v4.sourceAddress()).isEqualTo(ip("192.0.2.11"));
        assertThat(v4.unicastPeers()).containsExactly(ip("192.0.2.12"));
        assertThat(v4.tracks()).containsExactly(new Track(TrackKind.SCRIPT, "chk_haproxy", 0, false, false));
        assertThat(instance(s, "VI_WEB").tracks()).containsExactlyInAnyOrder(
                new Track(TrackKind.SCRIPT, "chk_haproxy", -30, false, false),
                new Track(TrackKind.INTERFACE, "eth1", -10, false, false));
        InstanceSettings v6 = instance(s, "VI_6");
        assertThat(v6.version()).isEqualTo(3);
        assertThat(v6.advertIntervalCentis()).isEqualTo(50);
        assertThat(v6.nopreempt()).isTrue();
        assertThat(v6.sourceAddress()).isEqualTo(ip("fe80::11"));
        assertThat(s.scripts()).singleElement().satisfies(sc -> {
            assertThat(sc.argv()).containsExactly("/usr/bin/killall", "-0", "haproxy");
            assertThat(sc.interval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(sc.rise()).isEqualTo(3);
            assertThat(sc.fall()).isEqualTo(2);
        });
        assertThat(s.notifies().get("VI_4").master()).containsExactly("/etc/keepalived/master.sh");
        assertThat(s.notifies().get("VG_1").generic()).containsExactly("/etc/keepalived/notify.sh", "group");
        assertThat(s.smtp()).isEmpty();
        // Weight 0 in the group: a failing chk_haproxy is a FAULT for both members; VI_WEB only loses 30.
        VrrpEngine e = new VrrpEngine(s.instances(), s.syncGroups(), line -> { });
        e.start(0);
        e.onTrack(1, TrackKind.SCRIPT, "chk_haproxy", TrackStatus.DOWN);
        assertThat(List.of(e.state("VI_4"), e.state("VI_6"))).containsOnly(VrrpState.FAULT);
        assertThat(e.state("VI_WEB")).isEqualTo(VrrpState.BACKUP);
        assertThat(e.priority("VI_WEB")).isEqualTo(90);
    }

    @Test
    void missingInterfaceAddressIsAWarningNotACrash() throws URISyntaxException {
        KeepalivedSettings s = KeepalivedSettings.from(read("article-keepalived.conf"),
                (ifname, ipv6) -> Optional.empty(), "lb1");
        assertThat(s.warnings()).anyMatch(w -> w.startsWith("(EXTERN) no IPv4 address on interface eth0"));
        assertThat(instance(s, "EXTERN").sourceAddress()).isEqualTo(InetAddress.ofLiteral("0.0.0.0"));
    }
}
