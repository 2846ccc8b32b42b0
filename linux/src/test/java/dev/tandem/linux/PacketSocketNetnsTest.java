package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.testkit.netns.LabHost;
import dev.tandem.testkit.netns.NetLab;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GARP and unsolicited NA sent by host a change host b's neighbour table (root). keepalived.md §3.3-3.4. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacketSocketNetnsTest {
    private NetLab lab;
    private LabHost a;
    private LabHost b;
    private PacketSocket socket;
    private int eth0;

    @BeforeAll
    void startLab() throws Exception {
        lab = NetLab.start(2);
        a = lab.host("a");
        b = lab.host("b");
        socket = a.call(PacketSocket::open);
        eth0 = a.call(() -> Interface.named("eth0").index());
    }

    @AfterAll
    void closeLab() {
        socket.close();
        lab.close();
    }

    @Test
    void gratuitousArpCreatesTheVipEntryOnAPeerWithArpAccept() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.ofLiteral("192.0.2.100");

        assertThat(socket.send(eth0, GratuitousArp.frame(a.mac(), vip))).isTrue();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.neighbours()).contains("192.0.2.100 lladdr " + a.macString()));
    }

    @Test
    void gratuitousArpMovesAnExistingEntryToTheNewMaster() throws Exception {
        // Failover: b still maps the VIP to the old master's MAC until the new master announces itself.
        b.ip("neigh", "replace", "192.0.2.101", "lladdr", "02:00:00:00:00:99", "dev", "eth0", "nud", "stale");
        Inet4Address vip = (Inet4Address) InetAddress.ofLiteral("192.0.2.101");

        socket.send(eth0, GratuitousArp.frame(a.mac(), vip));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.neighbours()).contains("192.0.2.101 lladdr " + a.macString()));
    }

    @Test
    void forwardingIsReadFromTheCallingThreadsNamespace() throws Exception {
        a.exec("sysctl", "-q", "-w", "net.ipv6.conf.eth0.forwarding=1").requireSuccess();
        try {
            assertThat(a.call(() -> Sysctl.ipv6Forwarding("eth0"))).isTrue();
            assertThat(b.call(() -> Sysctl.ipv6Forwarding("eth0"))).isFalse();
        } finally {
            a.exec("sysctl", "-q", "-w", "net.ipv6.conf.eth0.forwarding=0").requireSuccess();
        }
    }

    @Test
    void unsolicitedNeighbourAdvertOverridesThePeersEntryForTheVip() throws Exception {
        // RFC 4861 §7.2.5: an NA with O set replaces the cached link-layer address of an existing entry.
        b.ip("neigh", "replace", "2001:db8::100", "lladdr", "02:00:00:00:00:99", "dev", "eth0", "nud", "stale");
        Inet6Address vip = (Inet6Address) InetAddress.ofLiteral("2001:db8::100");

        assertThat(socket.send(eth0, UnsolicitedNeighbourAdvert.frame(a.mac(), vip, false))).isTrue();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.neighbours()).contains("2001:db8::100 lladdr " + a.macString()));
    }
}
