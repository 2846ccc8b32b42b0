package dev.tandem.node.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tandem nodes as real processes in network namespaces: election, failover, handover, failback, sync groups
 * and what a client on the segment sees (RFC 5798 §6.4; keepalived.md §3.2, §4.2).
 */
class TandemFailoverSystemTest extends LabTest {
    private static final String MASTER = "\\(VI_4\\) Entering MASTER STATE";
    private static final String BACKUP = "\\(VI_4\\) Entering BACKUP STATE";

    @Test
    void higherPriorityWinsAndTheSyncGroupHoldsBothFamilies() throws Exception {
        TandemNode nodeA = tandem(a, Conf.v3(150, "0.1").withIpv6());
        nodeA.awaitLog(MASTER, STARTUP);
        nodeA.awaitLog("\\(VI_6\\) Entering MASTER STATE", STARTUP);
        TandemNode nodeB = tandem(b, Conf.v3(100, "0.1").withIpv6());
        nodeB.awaitLog(BACKUP, STARTUP);
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));
        awaitAddress(a, Conf.VIP6, true, Duration.ofSeconds(5));
        // Let b's down timer run out several times over (3 x 0.1 s + skew): it must keep following a.
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(nodeB.count("Entering MASTER STATE")).isZero();
        assertThat(hasAddress(b, Conf.VIP4)).isFalse();
        assertThat(hasAddress(b, Conf.VIP6)).isFalse();
    }

    @Test
    void sigtermSendsPriorityZeroSoTheBackupTakesOverWithinSkewTime() throws Exception {
        TandemNode nodeA = tandem(a, Conf.v2pass(150).master().withIpv6());
        TandemNode nodeB = tandem(b, Conf.v2pass(100).withIpv6());
        nodeA.awaitLog(MASTER, STARTUP);
        nodeB.awaitLog(BACKUP, STARTUP);
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));
        nodeB.awaitLog("\\(VI_6\\) Entering BACKUP STATE", STARTUP);

        assertThat(nodeA.terminate()).as("exit status after SIGTERM").isZero();
        assertThat(hasAddress(a, Conf.VIP4)).as("VIP removed on graceful stop").isFalse();
        assertThat(hasAddress(a, Conf.VIP6)).isFalse();
        // Master_Down_Interval would be 3.6 s; priority 0 cuts it to Skew_Time (0.61 s) (RFC 3768 §6.4.2).
        awaitAddress(b, Conf.VIP4, true, Duration.ofMillis(2500));
        awaitAddress(b, Conf.VIP6, true, Duration.ofMillis(2500));
        assertThat(nodeA.log()).contains("(VI_4) Entering STOP STATE");
    }

    @Test
    void crashAndLinkDownMoveTheVipAndTheClientFollowsTheNewMac() throws Exception {
        TandemNode nodeA = tandem(a, Conf.v3(150, "0.1").withIpv6());
        nodeA.awaitLog(MASTER, STARTUP);
        TandemNode nodeB = tandem(b, Conf.v3(100, "0.1").withIpv6());
        nodeB.awaitLog(BACKUP, STARTUP);
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));
        await("client reaches the VIP at a").atMost(Duration.ofSeconds(10)).until(() -> reaches(Conf.VIP4));
        assertThat(neighbour(Conf.VIP4)).contains(a.macString());
        // An unsolicited NA only updates an entry the client already has (RFC 4861 §7.2.5): make one.
        await("client reaches the IPv6 VIP at a").atMost(Duration.ofSeconds(10)).until(() -> reaches(Conf.VIP6));
        assertThat(neighbour(Conf.VIP6)).contains(a.macString());

        nodeA.kill();
        a.unplug();
        awaitAddress(b, Conf.VIP4, true, Duration.ofSeconds(5));
        awaitAddress(b, Conf.VIP6, true, Duration.ofSeconds(5));
        // The gratuitous ARP rewrites the client's entry without waiting for it to go stale.
        await("client's neighbour entry for the VIP is b's MAC").atMost(Duration.ofSeconds(5))
                .until(() -> neighbour(Conf.VIP4).contains(b.macString()));
        await("client reaches the VIP at b").atMost(Duration.ofSeconds(5)).until(() -> reaches(Conf.VIP4));
        await("client's neighbour entry for the IPv6 VIP is b's MAC (Override flag)").atMost(Duration.ofSeconds(5))
                .until(() -> neighbour(Conf.VIP6).contains(b.macString()));
        await("client reaches the IPv6 VIP at b").atMost(Duration.ofSeconds(5)).until(() -> reaches(Conf.VIP6));
    }

    @Test
    void aReturningHigherPriorityNodePreemptsTheBackup() throws Exception {
        TandemNode nodeB = tandem(b, Conf.v3(100, "0.1").withIpv6());
        nodeB.awaitLog(MASTER, STARTUP);
        awaitAddress(b, Conf.VIP4, true, Duration.ofSeconds(5));

        TandemNode nodeA = tandem(a, Conf.v3(150, "0.1").withIpv6());
        nodeA.awaitLog(MASTER, STARTUP);
        nodeB.awaitLog(BACKUP, Duration.ofSeconds(5));
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));
        awaitAddress(a, Conf.VIP6, true, Duration.ofSeconds(5));
        awaitAddress(b, Conf.VIP4, false, Duration.ofSeconds(5));
        awaitAddress(b, Conf.VIP6, false, Duration.ofSeconds(5));
    }

    @Test
    void threeNodesElectOneMasterAndTheNextHighestTakesOver() throws Exception {
        // advert_int 1: a's down timer (3.61 s) beats c's (3.80 s) by a margin a loaded CI machine keeps.
        TandemNode nodeB = tandem(b, Conf.v3(150, "1").master());
        nodeB.awaitLog(MASTER, STARTUP);
        TandemNode nodeA = tandem(a, Conf.v3(100, "1"));
        TandemNode nodeC = tandem(c, Conf.v3(50, "1"));
        nodeA.awaitLog(BACKUP, STARTUP);
        nodeC.awaitLog(BACKUP, STARTUP);
        awaitAddress(b, Conf.VIP4, true, Duration.ofSeconds(5));
        // Both backups must have heard one of b's adverts (one every second) before it dies: until then
        // each down timer runs from its own start, and c, started first, could time out before a.
        await().pollDelay(Duration.ofMillis(2500)).until(() -> true);

        nodeB.kill();
        b.unplug();
        nodeA.awaitLog(MASTER, Duration.ofSeconds(6));
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));
        // c hears a's priority 100 adverts and stays backup (RFC 5798 §6.4.2).
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(nodeC.count("Entering MASTER STATE")).as("c:\n%s\na:\n%s", nodeC.log(), nodeA.log()).isZero();
        assertThat(hasAddress(c, Conf.VIP4)).isFalse();
    }

    @Test
    void ownLinkDownMeansFaultAndCarrierBackReturnsToMaster() throws Exception {
        TandemNode nodeA = tandem(a, Conf.v3(150, "0.1"));
        nodeA.awaitLog(MASTER, STARTUP);
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));

        a.unplug();
        nodeA.awaitLog("\\(VI_4\\) Entering FAULT STATE", Duration.ofSeconds(5));
        awaitAddress(a, Conf.VIP4, false, Duration.ofSeconds(5));
        a.plug();
        nodeA.awaitLog("(?s)FAULT STATE.*\\(VI_4\\) Entering MASTER STATE", Duration.ofSeconds(5));
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));
    }

    @Test
    void aVipDeletedBehindItsBackTakesTheInstanceOutOfMaster() throws Exception {
        TandemNode nodeA = tandem(a, Conf.v3(150, "0.1"));
        nodeA.awaitLog(MASTER, STARTUP);
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));

        a.ip("addr", "del", Conf.VIP4 + "/24", "dev", "eth0");
        nodeA.awaitLog("VIP 192.0.2.100 was deleted behind our back", Duration.ofSeconds(5));
        // Alone on the segment it wins the next election and puts the VIP back (keepalived.conf(5)).
        await().atMost(Duration.ofSeconds(5)).until(() -> nodeA.count(MASTER) == 2);
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));
    }

    @Test
    void unicastPeersElectAndHandOver() throws Exception {
        String ipA = a.ipv4().getHostAddress();
        String ipB = b.ipv4().getHostAddress();
        TandemNode nodeA = tandem(a, Conf.v3(150, "0.1").unicast(ipA, ipB));
        nodeA.awaitLog(MASTER, STARTUP);
        TandemNode nodeB = tandem(b, Conf.v3(100, "0.1").unicast(ipB, ipA));
        nodeB.awaitLog(BACKUP, STARTUP);
        assertThat(nodeA.log()).contains("unicast " + ipA);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(nodeB.count("Entering MASTER STATE")).isZero();

        assertThat(nodeA.terminate()).isZero();
        nodeB.awaitLog(MASTER, Duration.ofSeconds(3));
        awaitAddress(b, Conf.VIP4, true, Duration.ofSeconds(3));
    }

    /** keepalived.conf(5) use_vmac: the VIP lives on a macvlan with 00-00-5E-00-01-{VRID} (RFC 5798 §7.3). */
    @Test
    void useVmacKeepsTheClientsArpEntryAcrossAHandover() throws Exception {
        String vmac = "00:00:5e:00:01:33";
        TandemNode nodeA = tandem(a, Conf.v3(150, "0.1").extra("  use_vmac\n"));
        nodeA.awaitLog(MASTER, STARTUP);
        TandemNode nodeB = tandem(b, Conf.v3(100, "0.1").extra("  use_vmac\n"));
        nodeB.awaitLog(BACKUP, STARTUP);
        assertThat(a.ip("-o", "addr", "show", "dev", "vrrp.51").stdout()).contains(" " + Conf.VIP4 + "/24");
        await("client reaches the VIP at a").atMost(Duration.ofSeconds(10)).until(() -> reaches(Conf.VIP4));
        assertThat(neighbour(Conf.VIP4)).contains(vmac);

        assertThat(nodeA.terminate()).isZero();
        assertThat(a.ip("-o", "link", "show").stdout()).as("vrrp.51 removed on exit").doesNotContain("vrrp.51");
        nodeB.awaitLog(MASTER, Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(3))
                .until(() -> b.ip("-o", "addr", "show", "dev", "vrrp.51").stdout().contains(" " + Conf.VIP4 + "/24"));
        await("client reaches the VIP at b").atMost(Duration.ofSeconds(5)).until(() -> reaches(Conf.VIP4));
        assertThat(neighbour(Conf.VIP4)).contains(vmac);
    }
}
