package dev.tandem.node.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tandem and Debian's keepalived 2.2.7 on one segment, each in its own namespace, in both roles: each must
 * accept the other's adverts and follow the priority rules (RFC 3768 §6.4, RFC 5798 §6.4; keepalived.md §0.7).
 */
class KeepalivedInteropSystemTest extends LabTest {
    private static final String MASTER = "\\(VI_4\\) Entering MASTER STATE";
    private static final String BACKUP = "\\(VI_4\\) Entering BACKUP STATE";
    /** keepalived logs "Entering BACKUP STATE (init)" at start even with state MASTER; this is a real transition. */
    private static final String KA_BACKUP = "\\(VI_4\\) Entering BACKUP STATE$";
    private static final Duration SOON = Duration.ofSeconds(5);

    @Test
    void tandemFollowsAKeepalivedMasterV2PassAndTakesOverOnItsSigterm() throws Exception {
        KeepalivedPeer ka = keepalived(a, Conf.v2pass(150).master());
        ka.awaitLog(MASTER, STARTUP);
        awaitAddress(a, Conf.VIP4, true, SOON);
        // Started as MASTER with a lower priority, Tandem must yield as soon as it decodes one advert.
        TandemNode tandem = tandem(b, Conf.v2pass(100).master());
        tandem.awaitLog(BACKUP, STARTUP);
        awaitAddress(b, Conf.VIP4, false, SOON);
        assertThat(hasAddress(a, Conf.VIP4)).isTrue();

        ka.terminate();
        awaitAddress(b, Conf.VIP4, true, Duration.ofMillis(2500));
        assertThat(tandem.count(MASTER)).isEqualTo(2);
    }

    @Test
    void keepalivedMasterV2PassStepsDownForAHigherPriorityTandem() throws Exception {
        KeepalivedPeer ka = keepalived(a, Conf.v2pass(100).master());
        ka.awaitLog(MASTER, STARTUP);
        TandemNode tandem = tandem(b, Conf.v2pass(150));
        tandem.awaitLog(MASTER, STARTUP);
        ka.awaitLog("\\(VI_4\\) Master received advert from " + b.ipv4().getHostAddress()
                + " with higher priority 150, ours 100", SOON);
        ka.awaitLog(KA_BACKUP, SOON);
        awaitAddress(b, Conf.VIP4, true, SOON);
        awaitAddress(a, Conf.VIP4, false, SOON);
    }

    @Test
    void v3OverIpv4TandemAcceptsKeepalivedsPseudoHeaderChecksum() throws Exception {
        KeepalivedPeer ka = keepalived(a, Conf.v3(150, "1").master());
        ka.awaitLog(MASTER, STARTUP);
        TandemNode tandem = tandem(b, Conf.v3(100, "1").master());
        tandem.awaitLog(BACKUP, STARTUP);
        awaitAddress(b, Conf.VIP4, false, SOON);
        assertThat(ka.count("Entering BACKUP STATE$")).isZero();
    }

    @Test
    void v3OverIpv4KeepalivedAcceptsTandemsDefaultChecksum() throws Exception {
        KeepalivedPeer ka = keepalived(a, Conf.v3(100, "1").master());
        ka.awaitLog(MASTER, STARTUP);
        TandemNode tandem = tandem(b, Conf.v3(150, "1"));
        tandem.awaitLog(MASTER, STARTUP);
        ka.awaitLog("\\(VI_4\\) Master received advert from " + b.ipv4().getHostAddress()
                + " with higher priority 150, ours 100", SOON);
        ka.awaitLog(KA_BACKUP, SOON);
    }

    @Test
    void v3OverIpv6AndTheSyncGroupMoveBothWays() throws Exception {
        KeepalivedPeer ka = keepalived(a, Conf.v3(100, "1").master().withIpv6());
        ka.awaitLog("\\(VI_6\\) Entering MASTER STATE", STARTUP);
        awaitAddress(a, Conf.VIP6, true, SOON);
        TandemNode tandem = tandem(b, Conf.v3(150, "1").withIpv6());
        tandem.awaitLog("\\(VI_6\\) Entering MASTER STATE", STARTUP);
        // Whichever member hears Tandem first pulls the other along ("Syncing instances to BACKUP state").
        ka.awaitLog("\\(VI_[46]\\) Master received advert from \\S+ with higher priority 150, ours 100", SOON);
        ka.awaitLog("\\(VI_6\\) Entering BACKUP STATE$", SOON);
        awaitAddress(b, Conf.VIP6, true, SOON);
        awaitAddress(b, Conf.VIP4, true, SOON);
        awaitAddress(a, Conf.VIP6, false, SOON);
        // Past keepalived's Master_Down_Interval (3.6 s): had it dropped Tandem's IPv6 adverts, VI_6 would be back.
        await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
        assertThat(ka.count("\\(VI_6\\) Entering MASTER STATE")).isEqualTo(1);

        assertThat(tandem.terminate()).isZero();
        ka.awaitLog("(?s)Entering BACKUP STATE\n.*\\(VI_6\\) Entering MASTER STATE", Duration.ofMillis(2500));
        awaitAddress(a, Conf.VIP6, true, SOON);
        awaitAddress(a, Conf.VIP4, true, SOON);
    }

    @Test
    void unicastPeersInteroperate() throws Exception {
        String ipA = a.ipv4().getHostAddress();
        String ipB = b.ipv4().getHostAddress();
        KeepalivedPeer ka = keepalived(a, Conf.v2pass(150).master().unicast(ipA, ipB));
        ka.awaitLog(MASTER, STARTUP);
        TandemNode tandem = tandem(b, Conf.v2pass(100).master().unicast(ipB, ipA));
        tandem.awaitLog(BACKUP, STARTUP);
        awaitAddress(b, Conf.VIP4, false, SOON);

        ka.terminate();
        awaitAddress(b, Conf.VIP4, true, Duration.ofMillis(2500));
    }

    /**
     * keepalived 2.2.7 has no v3_checksum_as_v2 (it came in 2.2.8) and checks VRRPv3-over-IPv4 with the IPv4
     * pseudo-header only, so Tandem's RFC 9568 §5.2.8 form is dropped as "Invalid VRRPv3 checksum": both end up
     * MASTER. Pinned so nobody turns that form on against a 2.2.7 peer by mistake.
     */
    @Test
    void keepalived227DropsTandemsRfc9568ChecksumForm() throws Exception {
        KeepalivedPeer ka = keepalived(a, Conf.v3(100, "1").master());
        ka.awaitLog(MASTER, STARTUP);
        TandemNode tandem = tandem(b, Conf.v3(150, "1").extra("  v3_checksum_as_v2\n"));
        tandem.awaitLog(MASTER, STARTUP);
        ka.awaitLog("\\(VI_4\\) Invalid VRRPv3 checksum", SOON);
        assertThat(ka.count("Entering BACKUP STATE$")).isZero();
        assertThat(hasAddress(a, Conf.VIP4)).isTrue();
    }
}
