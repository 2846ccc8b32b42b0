package dev.tandem.vrrp.sim;

import static dev.tandem.vrrp.sim.Hosts.SECOND;
import static dev.tandem.vrrp.sim.Hosts.ip;
import static dev.tandem.vrrp.sim.Hosts.v2;
import static dev.tandem.vrrp.sim.Hosts.v6;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.InstanceSettings;
import dev.tandem.vrrp.SyncGroupSettings;
import dev.tandem.vrrp.Track;
import dev.tandem.vrrp.TrackKind;
import dev.tandem.vrrp.TrackStatus;
import dev.tandem.vrrp.VrrpState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi-node behaviour on the simulated LAN, each scenario named for the rule it pins. */
class ScenarioTest {
    private static final long DELAY = 100;

    @Test
    void threeNodeElectionHighestPriorityTimesOutFirstAndWins() {
        SimLan lan = new SimLan(1);
        lan.add("a", v2(1, 100).build());
        lan.add("b", v2(2, 150).build());
        lan.add("c", v2(3, 200).build());
        lan.startAll();
        lan.runFor(10 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("c");
        // RFC 3768 §6.1: Master_Down_Interval = 3 + (256 - 200) / 256 s.
        assertThat(lan.node("c").firstTransition("VI_1", VrrpState.MASTER, 0)).contains(3 * SECOND + 56 * SECOND / 256);
        assertThat(lan.node("a").firstTransition("VI_1", VrrpState.MASTER, 0)).isEmpty();
        assertThat(lan.node("b").firstTransition("VI_1", VrrpState.MASTER, 0)).isEmpty();
    }

    @Test
    void higherPriorityPreemptsOnRestartAndFailsBack() {
        SimLan lan = new SimLan(2);
        lan.add("lb1", v2(11, 150).build());
        lan.add("lb2", v2(12, 100).build());
        lan.startAll();
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb1");

        lan.crash("lb1");
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb2");

        long restart = lan.now();
        lan.start("lb1");
        lan.runFor(10 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb1");
        // RFC 3768 §6.4.2: lower-priority adverts are discarded, so lb1 preempts when its down timer expires.
        assertThat(lan.node("lb1").firstTransition("VI_1", VrrpState.MASTER, restart))
                .contains(restart + 3 * SECOND + 106 * SECOND / 256);
        assertThat(lan.node("lb2").firstTransition("VI_1", VrrpState.BACKUP, restart)).isPresent();
    }

    @Test
    void nopreemptKeepsLowerPriorityMaster() {
        SimLan lan = new SimLan(3);
        lan.add("lb1", v2(11, 150).nopreempt(true).build());
        lan.add("lb2", v2(12, 100).build());
        lan.start("lb2");
        lan.runFor(5 * SECOND);
        lan.start("lb1");
        lan.runFor(20 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb2");
    }

    @Test
    void preemptDelayIsAddedToTheTakeoverWait() {
        SimLan lan = new SimLan(4);
        lan.add("lb1", v2(11, 150).preemptDelay(Duration.ofSeconds(10)).build());
        lan.add("lb2", v2(12, 100).build());
        lan.start("lb2");
        lan.runFor(5 * SECOND);
        long restart = lan.now();
        lan.start("lb1");
        lan.runFor(9 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb2");
        lan.runFor(10 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb1");
        long took = lan.node("lb1").firstTransition("VI_1", VrrpState.MASTER, restart).orElseThrow() - restart;
        assertThat(took).isBetween(10 * SECOND, 10 * SECOND + 4 * SECOND);
    }

    @Test
    void equalPrioritiesFirstToTimeOutWinsAndHigherAddressStaysBackup() {
        SimLan lan = new SimLan(5);
        lan.add("low", v2(1, 100).build());
        lan.add("high", v2(2, 100).build());
        lan.start("low");
        lan.runFor(SECOND);
        lan.start("high");
        lan.runFor(30 * SECOND);
        // keepalived.md §1.4: no "higher IP wins" once a master exists; BACKUP resets its timer on equal priority.
        assertThat(lan.masters("VI_1")).containsExactly("low");
        assertThat(lan.node("high").firstTransition("VI_1", VrrpState.MASTER, 0)).isEmpty();
    }

    @Test
    void priorityZeroHandsOverAfterSkewTime() {
        SimLan lan = new SimLan(6);
        lan.add("lb1", v2(11, 150).build());
        lan.add("lb2", v2(12, 100).build());
        lan.startAll();
        lan.runFor(5 * SECOND);
        long stop = lan.now();
        lan.shutdown("lb1");
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb2");
        // RFC 3768 §6.4.2: priority 0 sets the down timer to Skew_Time = 156/256 s (keepalived.md §4.2: ~0.61 s).
        assertThat(lan.node("lb2").firstTransition("VI_1", VrrpState.MASTER, stop))
                .contains(stop + DELAY + 156 * SECOND / 256);
    }

    @Test
    void crashTakeoverWithinMasterDownInterval() {
        SimLan lan = new SimLan(7);
        lan.add("lb1", v2(11, 150).build());
        lan.add("lb2", v2(12, 100).build());
        lan.startAll();
        lan.runFor(5 * SECOND + SECOND / 3);
        long crash = lan.now();
        lan.crash("lb1");
        lan.runFor(5 * SECOND);
        long mdi = 3 * SECOND + 156 * SECOND / 256;
        long took = lan.node("lb2").firstTransition("VI_1", VrrpState.MASTER, crash).orElseThrow() - crash;
        assertThat(took).isPositive().isLessThanOrEqualTo(mdi);
        // RFC 3768 §6.4.2: the down timer was last reset by the last advert received before the crash.
        assertThat(crash + took).isEqualTo(lastAdvertBefore(lan, crash) + mdi);
    }

    private static long lastAdvertBefore(SimLan lan, long t) {
        return lan.node("lb1").history().stream()
                .filter(x -> x.at() < t && x.action() instanceof Action.SendAdvert)
                .mapToLong(SimNode.Timed::at).max().orElseThrow() + DELAY;
    }

    @Test
    void splitBrainUnderPartitionConvergesToOneMasterAfterHeal() {
        SimLan lan = new SimLan(8);
        lan.add("a", v2(1, 100).build());
        lan.add("b", v2(2, 100).build());
        lan.add("c", v2(3, 100).build());
        lan.startAll();
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).hasSize(1);
        lan.partition(List.of(List.of("a"), List.of("b"), List.of("c")));
        lan.runFor(10 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("a", "b", "c");
        long heal = lan.now();
        lan.heal();
        lan.runFor(2 * SECOND);
        // RFC 5798 §6.4.3: equal priorities between masters, the higher primary address wins.
        assertThat(lan.masters("VI_1")).containsExactly("c");
        assertThat(lan.node("a").firstTransition("VI_1", VrrpState.BACKUP, heal)).isPresent();
    }

    @Test
    void syncGroupFaultPullsEveryMemberToFaultAndMastersSendPriorityZero() {
        SimLan lan = new SimLan(9);
        SyncGroupSettings group = SyncGroupSettings.of("VG_1", "VI_1", "VI_6");
        lan.add("lb1", List.of(v2(11, 150).track(Track.script("chk_haproxy", -60)).build(), v6(0x11, 150).build()),
                List.of(group));
        lan.add("lb2", List.of(v2(12, 100).build(), v6(0x12, 100).build()), List.of(group));
        lan.startAll();
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb1");
        assertThat(lan.masters("VI_6")).containsExactly("lb1");

        long fail = lan.now();
        lan.track("lb1", TrackKind.SCRIPT, "chk_haproxy", TrackStatus.DOWN);
        // The weight is forced to 0 inside a sync group, so the failure is a FAULT, not -60.
        assertThat(lan.node("lb1").state("VI_1")).isEqualTo(VrrpState.FAULT);
        assertThat(lan.node("lb1").state("VI_6")).isEqualTo(VrrpState.FAULT);
        assertThat(lan.node("lb1").actions(Action.SendAdvert.class).stream()
                .filter(a -> a.priority() == 0).map(Action.SendAdvert::name)).containsExactlyInAnyOrder("VI_1", "VI_6");
        lan.runFor(2 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb2");
        assertThat(lan.masters("VI_6")).containsExactly("lb2");
        assertThat(lan.node("lb2").firstTransition("VI_1", VrrpState.MASTER, fail).orElseThrow() - fail)
                .isLessThan(SECOND);
        assertThat(lan.node("lb1").actions(Action.Notify.class)).contains(
                new Action.Notify(Action.Scope.GROUP, "VG_1", VrrpState.FAULT, 0));

        lan.track("lb1", TrackKind.SCRIPT, "chk_haproxy", TrackStatus.UP);
        lan.runFor(10 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb1");
        assertThat(lan.masters("VI_6")).containsExactly("lb1");
    }

    @Test
    void syncGroupMemberSeeingHigherPriorityPullsTheOtherToBackup() {
        SimLan lan = new SimLan(10);
        SyncGroupSettings group = SyncGroupSettings.of("VG_1", "VI_1", "VI_6");
        lan.add("lb1", List.of(v2(11, 150).build(), v6(0x11, 150).build()), List.of(group));
        lan.add("rogue", List.of(v2(13, 200).build()), List.of());
        lan.start("lb1");
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb1");
        lan.start("rogue");
        lan.runFor(5 * SECOND);
        // keepalived.md §2.2 [RUN]: a priority-200 advert for VI_4 also made its group-mate VI_6 go BACKUP.
        assertThat(lan.node("lb1").state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(lan.node("lb1").state("VI_6")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void trackScriptWeightMovesMastershipToThePeer() {
        SimLan lan = new SimLan(11);
        lan.add("lb1", v2(11, 150).track(Track.script("chk_haproxy", -60)).build());
        lan.add("lb2", v2(12, 100).build());
        lan.startAll();
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb1");
        lan.track("lb1", TrackKind.SCRIPT, "chk_haproxy", TrackStatus.DOWN);
        assertThat(lan.node("lb1").engine().priority("VI_1")).isEqualTo(90);
        lan.runFor(6 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb2");
        lan.track("lb1", TrackKind.SCRIPT, "chk_haproxy", TrackStatus.UP);
        lan.runFor(6 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb1");
    }

    @Test
    void linkDownOnMasterMeansFaultAndPeerTakesOver() {
        SimLan lan = new SimLan(12);
        lan.add("lb1", v2(11, 150).build());
        lan.add("lb2", v2(12, 100).build());
        lan.startAll();
        lan.runFor(5 * SECOND);
        lan.link("lb1", false);
        assertThat(lan.node("lb1").state("VI_1")).isEqualTo(VrrpState.FAULT);
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb2");
        lan.link("lb1", true);
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("lb1");
    }

    @Test
    void twoAddressOwnersConvergeAfterOneDropsTo254() {
        SimLan lan = new SimLan(13);
        lan.add("a", v2(1, 255).build());
        lan.add("b", v2(2, 255).build());
        lan.startAll();
        lan.runFor(10 * SECOND);
        assertThat(lan.masters("VI_1")).hasSize(1);
        assertThat(lan.each(n -> n.engine().priority("VI_1"))).contains(254);
    }

    @Test
    void v3BackupAdoptsTheMastersAdvertisedInterval() {
        SimLan lan = new SimLan(14);
        lan.add("fast", v6(1, 150).advertIntervalCentis(20).build());
        lan.add("slow", v6(2, 100).advertIntervalCentis(100).build());
        lan.startAll();
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_6")).containsExactly("fast");
        long crash = lan.now();
        lan.crash("fast");
        lan.runFor(5 * SECOND);
        // RFC 5798 §6.4.2: Master_Down_Interval = 3 * 0.2 s + skew, not 3 * 1 s + skew.
        long took = lan.node("slow").firstTransition("VI_6", VrrpState.MASTER, crash).orElseThrow() - crash;
        assertThat(took).isLessThan(SECOND);
    }

    @Test
    void v3Over6AndV2Over4ElectIndependentlyOnTheSameVrid() {
        SimLan lan = new SimLan(15);
        InstanceSettings a4 = v2(1, 200).build();
        InstanceSettings a6 = v6(1, 100).build();
        lan.add("a", List.of(a4, a6), List.of());
        lan.add("b", List.of(v2(2, 100).build(), v6(2, 200).build()), List.of());
        lan.startAll();
        lan.runFor(8 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("a");
        assertThat(lan.masters("VI_6")).containsExactly("b");
        assertThat(lan.node("a").actions(Action.AddVips.class)).allSatisfy(
                a -> assertThat(a.vips()).extracting(v -> v.address()).containsExactly(ip("192.0.2.100")));
    }

    @Test
    void simultaneousEqualPriorityStartSettlesOnHighestAddress() {
        SimLan lan = new SimLan(16);
        lan.add("a", v2(1, 100).build());
        lan.add("b", v2(3, 100).build());
        lan.add("c", v2(2, 100).build());
        lan.startAll();
        lan.runFor(5 * SECOND);
        // All time out together and meet as masters; RFC 3768 §6.4.3: the higher primary address stays.
        assertThat(lan.masters("VI_1")).containsExactly("b");
        assertThat(lan.node("a").firstTransition("VI_1", VrrpState.MASTER, 0)).isPresent();
    }

    @Test
    void unicastPeersElectAndTakeOverWithoutMulticast() {
        SimLan lan = new SimLan(17);
        lan.add("lb1", v2(11, 150).unicastPeer(ip("192.0.2.12")).build());
        lan.add("lb2", v2(12, 100).unicastPeer(ip("192.0.2.11")).build());
        lan.add("bystander", v2(13, 50).build());
        lan.startAll();
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).contains("lb1").doesNotContain("lb2");
        // The multicast-only bystander never hears unicast adverts, so it elects itself: a misconfiguration.
        assertThat(lan.masters("VI_1")).contains("bystander");
        lan.crash("lb1");
        lan.runFor(5 * SECOND);
        assertThat(lan.masters("VI_1")).contains("lb2");
    }

    @Test
    void v3ChecksumFormsInteroperateBecauseBothAreAccepted() {
        SimLan lan = new SimLan(18);
        InstanceSettings.Builder a = InstanceSettings.builder("VI_1", 13, ip("192.0.2.1")).version(3).priority(150)
                .vip(ip("192.0.2.101")).checksumForm(dev.tandem.vrrp.packet.ChecksumForm.VRRP_MESSAGE_ONLY);
        InstanceSettings.Builder b = InstanceSettings.builder("VI_1", 13, ip("192.0.2.2")).version(3).priority(100)
                .vip(ip("192.0.2.101"));
        lan.add("rfc9568", a.build());
        lan.add("keepalived", b.build());
        lan.startAll();
        lan.runFor(10 * SECOND);
        assertThat(lan.masters("VI_1")).containsExactly("rfc9568");
        assertThat(lan.node("keepalived").engine().rejectCounts("VI_1")).isEmpty();
    }
}
