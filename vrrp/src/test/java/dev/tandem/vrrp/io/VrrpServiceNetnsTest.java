package dev.tandem.vrrp.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tandem.linux.Interface;
import dev.tandem.linux.RawSocket;
import dev.tandem.linux.ReceivedPacket;
import dev.tandem.testkit.netns.LabHost;
import dev.tandem.testkit.netns.NetLab;
import dev.tandem.vrrp.InstanceSettings;
import dev.tandem.vrrp.KeepalivedSettings;
import dev.tandem.vrrp.Vip;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.vrrp.packet.Advert;
import dev.tandem.vrrp.packet.AdvertCodec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link VrrpService} in this JVM on a lab host's namespace thread (everything it opens and the threads it
 * starts live in that host), watched from a second host with a raw socket.
 */
class VrrpServiceNetnsTest {
    private static final InetAddress GROUP = InetAddress.ofLiteral("224.0.0.18");
    private static final String VIP = "192.0.2.100";
    private static NetLab lab;
    private static LabHost a;
    private static LabHost b;

    @BeforeAll
    static void lab() {
        lab = NetLab.start(2);
        a = lab.host("a");
        b = lab.host("b");
    }

    @AfterAll
    static void removeLab() {
        lab.close();
    }

    private static KeepalivedSettings alone(String interfaceName) {
        InstanceSettings i = InstanceSettings.builder("VI_1", 51, a.ipv4()).interfaceName(interfaceName)
                .version(3).advertIntervalCentis(10).priority(150)
                .vip(new Vip(InetAddress.ofLiteral(VIP), 24, "")).build();
        return new KeepalivedSettings(List.of(i), List.of(), List.of(), Map.of(), Optional.empty(), List.of());
    }

    private static boolean aHolds(String address) {
        return a.ip("-o", "addr", "show", "dev", "eth0").stdout().contains(" " + address + "/");
    }

    @Test
    void closeSendsPriorityZeroAndRemovesTheVips() throws Exception {
        RawSocket rx = b.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP, 112));
        try (rx) {
            VrrpService service = a.call(() -> VrrpService.start(alone("eth0"), Set.of()));
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> service.state("VI_1") == VrrpState.MASTER);
                await().atMost(Duration.ofSeconds(5)).until(() -> aHolds(VIP));
                assertThat(service.status()).singleElement()
                        .satisfies(st -> assertThat(st.state()).isEqualTo(VrrpState.MASTER));
            } finally {
                a.call(() -> {
                    service.close();
                    return null;
                });
            }
            assertThat(aHolds(VIP)).as("VIP removed by close()").isFalse();
            List<Integer> priorities = new ArrayList<>();
            while (true) {
                Optional<ReceivedPacket> p = b.call(() -> rx.receive(200));
                if (p.isEmpty()) {
                    break;
                }
                Advert adv = AdvertCodec.decode(p.get().payload(), 0, p.get().payload().length, false,
                        p.get().source(), p.get().destination());
                priorities.add(adv.priority());
            }
            // RFC 5798 §6.4.3: on shutdown a master sends one advert with priority 0.
            assertThat(priorities).contains(150);
            assertThat(priorities.getLast()).isZero();
        }
    }

    @Test
    void aMissingInterfaceIsOneClearStartError() {
        assertThatThrownBy(() -> a.call(() -> VrrpService.start(alone("eth7"), Set.of())))
                .isInstanceOf(VrrpStartException.class)
                .hasMessage("tandem: VRRP interface eth7 does not exist; check 'interface' and 'dev' in keepalived.conf");
    }
}
