package dev.tandem.vrrp;

import static dev.tandem.vrrp.sim.Hosts.SECOND;
import static dev.tandem.vrrp.sim.Hosts.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.vrrp.packet.Advert;
import dev.tandem.vrrp.packet.AdvertCodec;
import dev.tandem.vrrp.packet.AuthType;
import dev.tandem.vrrp.packet.ChecksumForm;
import dev.tandem.vrrp.packet.RejectReason;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-engine rules: one engine, adverts crafted with the real codec, explicit virtual times. */
class EngineRulesTest {
    private static final InetAddress SELF = ip("192.0.2.11");
    private static final InetAddress PEER_LOW = ip("192.0.2.5");
    private static final InetAddress PEER_HIGH = ip("192.0.2.20");
    private static final InetAddress GROUP = ip("224.0.0.18");
    private static final InetAddress VIP = ip("192.0.2.100");
    private final List<String> log = new ArrayList<>();

    private static InstanceSettings.Builder settings(int priority) {
        return InstanceSettings.builder("VI_1", 12, SELF).priority(priority).vip(VIP).authPass("hunter2");
    }

    private VrrpEngine engine(InstanceSettings s) {
        return new VrrpEngine(List.of(s), List.of(), log::add);
    }

    private static Advert advert(int priority) {
        return new Advert(2, 12, priority, 100, AuthType.PASS, "hunter2", List.of(VIP));
    }

    private static Received rx(Advert a, InetAddress from) {
        return new Received(AdvertCodec.encode(a, from, GROUP, ChecksumForm.IPV4_PSEUDO_HEADER), from, GROUP, 255, "eth0");
    }

    private static long mdi(int priority) {
        return 3 * SECOND + (256 - priority) * SECOND / 256;
    }

    private static VrrpEngine masterAt(VrrpEngine e, long t) {
        e.start(0);
        e.onTimer(t);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.MASTER);
        return e;
    }

    @Test
    void timerDueBeforeAnEventRunsFirst() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        // The IO layer was late: the down timer (3.609 s) expired before this advert (4 s) was read.
        List<Action> out = e.onAdvert(4 * SECOND, rx(advert(200), PEER_HIGH));
        assertThat(out).extracting(a -> a.getClass().getSimpleName()).startsWith("SendAdvert", "AddVips");
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void backupStartsWithMasterDownIntervalAsTimer() {
        VrrpEngine e = engine(settings(100).build());
        List<Action> out = e.start(0);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(e.nextWakeup()).isEqualTo(mdi(100));
        assertThat(out).contains(new Action.Notify(Action.Scope.INSTANCE, "VI_1", VrrpState.BACKUP, 100));
    }

    @Test
    void backupResetsDownTimerOnEqualPriority() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        e.onAdvert(2 * SECOND, rx(advert(100), PEER_HIGH));
        assertThat(e.nextWakeup()).isEqualTo(2 * SECOND + mdi(100));
    }

    @Test
    void backupDiscardsLowerPriorityAdvertSoItPreempts() {
        VrrpEngine e = engine(settings(150).build());
        e.start(0);
        e.onAdvert(2 * SECOND, rx(advert(100), PEER_HIGH));
        assertThat(e.nextWakeup()).isEqualTo(mdi(150));
        e.onTimer(mdi(150));
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void nopreemptBackupResetsTimerOnLowerPriority() {
        VrrpEngine e = engine(settings(150).nopreempt(true).build());
        e.start(0);
        e.onAdvert(2 * SECOND, rx(advert(100), PEER_HIGH));
        assertThat(e.nextWakeup()).isEqualTo(2 * SECOND + mdi(150));
    }

    @Test
    void priorityZeroAdvertSetsDownTimerToSkewTime() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        e.onAdvert(SECOND, rx(advert(0), PEER_HIGH));
        assertThat(e.nextWakeup()).isEqualTo(SECOND + 156 * SECOND / 256);
    }

    @Test
    void takeoverOrderIsAdvertThenVipsThenGratuitousThenNotify() {
        VrrpEngine e = engine(settings(100).smtpAlert(true).build());
        e.start(0);
        List<Action> out = e.onTimer(mdi(100));
        assertThat(out).extracting(a -> a.getClass().getSimpleName()).containsExactly("SendAdvert", "AddVips",
                "SendGratuitous", "StateChanged", "Notify", "SendMail");
        Action.SendGratuitous g = (Action.SendGratuitous) out.get(2);
        assertThat(g.repeat()).isEqualTo(5);
    }

    @Test
    void gratuitousBurstRepeatsAfterGarpMasterDelay() {
        VrrpEngine e = masterAt(engine(settings(100).build()), mdi(100));
        List<Action> all = new ArrayList<>();
        for (long t = mdi(100); t <= mdi(100) + 6 * SECOND; t += SECOND / 100) {
            all.addAll(e.onTimer(t));
        }
        assertThat(all).filteredOn(a -> a instanceof Action.SendGratuitous).hasSize(1);
        assertThat(all).filteredOn(a -> a instanceof Action.SendAdvert).hasSize(6);
    }

    @Test
    void masterAnswersLowerPriorityAdvertAtOnce() {
        VrrpEngine e = masterAt(engine(settings(150).build()), mdi(150));
        List<Action> out = e.onAdvert(mdi(150) + 10, rx(advert(100), PEER_HIGH));
        assertThat(out.getFirst()).isInstanceOfSatisfying(Action.SendAdvert.class,
                a -> assertThat(a.priority()).isEqualTo(150));
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void masterHearingLowerPriorityRepairsArpCachesWithGarpLowerPrioBursts() {
        VrrpEngine e = masterAt(engine(settings(150).build()), mdi(150));
        long t = mdi(150) + 10 * SECOND;
        e.onTimer(t);
        List<Action> out = e.onAdvert(t, rx(advert(100), PEER_HIGH));
        assertThat(out).extracting(a -> a.getClass().getSimpleName()).containsExactly("SendAdvert", "SendGratuitous");
        assertThat(((Action.SendGratuitous) out.get(1)).repeat()).isEqualTo(5);
        // garp_lower_prio_delay 5 s: a second burst follows.
        assertThat(e.onTimer(t + 5 * SECOND)).anyMatch(a -> a instanceof Action.SendGratuitous);
    }

    @Test
    void lowerPrioNoAdvertKeepsMasterSilent() {
        VrrpEngine e = masterAt(engine(settings(150).lowerPrioNoAdvert(true).build()), mdi(150));
        assertThat(e.onAdvert(mdi(150) + 10, rx(advert(100), PEER_HIGH)))
                .noneMatch(a -> a instanceof Action.SendAdvert);
    }

    @Test
    void masterAnswersPriorityZeroAtOnce() {
        VrrpEngine e = masterAt(engine(settings(150).build()), mdi(150));
        assertThat(e.onAdvert(mdi(150) + 10, rx(advert(0), PEER_HIGH))).singleElement()
                .isInstanceOf(Action.SendAdvert.class);
    }

    @Test
    void masterYieldsToEqualPriorityFromHigherAddress() {
        VrrpEngine e = masterAt(engine(settings(100).build()), mdi(100));
        e.onAdvert(mdi(100) + 10, rx(advert(100), PEER_LOW));
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.MASTER);
        List<Action> out = e.onAdvert(mdi(100) + 20, rx(advert(100), PEER_HIGH));
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(out.getFirst()).isInstanceOf(Action.RemoveVips.class);
    }

    @Test
    void stateMasterStartsAsMasterWithoutBackupNotify() {
        VrrpEngine e = engine(settings(100).initialState(VrrpState.MASTER).build());
        List<Action> out = e.start(0);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.MASTER);
        assertThat(out).filteredOn(a -> a instanceof Action.Notify).extracting(a -> ((Action.Notify) a).state())
                .containsExactly(VrrpState.MASTER);
    }

    @Test
    void addressOwnerStartsMasterAndIgnoresTrackingWeights() {
        VrrpEngine e = engine(settings(255).track(Track.script("chk", -50)).build());
        e.start(0);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.MASTER);
        e.onTrack(SECOND, TrackKind.SCRIPT, "chk", TrackStatus.DOWN);
        assertThat(e.priority("VI_1")).isEqualTo(255);
    }

    @Test
    void addressOwnerMeetingAnotherOwnerDropsTo254() {
        VrrpEngine e = engine(settings(255).build());
        e.start(0);
        e.onAdvert(SECOND, rx(advert(255), PEER_HIGH));
        assertThat(e.priority("VI_1")).isEqualTo(254);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void shutdownOfMasterSendsPriorityZeroThenRemovesVips() {
        VrrpEngine e = masterAt(engine(settings(150).build()), mdi(150));
        e.onTimer(10 * SECOND);
        List<Action> out = e.shutdown(10 * SECOND);
        assertThat(out.get(0)).isInstanceOfSatisfying(Action.SendAdvert.class,
                a -> assertThat(a.priority()).isZero());
        assertThat(out.get(1)).isInstanceOf(Action.RemoveVips.class);
        assertThat(out).contains(new Action.Notify(Action.Scope.INSTANCE, "VI_1", VrrpState.STOP, 150));
        assertThat(e.nextWakeup()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void priorityIsBasePlusWeightsClampedTo1Through254() {
        VrrpEngine e = engine(settings(100).track(Track.script("a", 50)).track(Track.script("b", 30))
                .track(new Track(TrackKind.SCRIPT, "c", -250, false, true)).build());
        e.start(0);
        assertThat(e.priority("VI_1")).isEqualTo(1);
        e.onTrack(1, TrackKind.SCRIPT, "c", TrackStatus.UP);
        // a and b have not run yet: keepalived's INIT state adds nothing.
        assertThat(e.priority("VI_1")).isEqualTo(100);
        e.onTrack(1, TrackKind.SCRIPT, "a", TrackStatus.UP);
        e.onTrack(1, TrackKind.SCRIPT, "b", TrackStatus.UP);
        assertThat(e.priority("VI_1")).isEqualTo(180);
        e.onTrack(2, TrackKind.SCRIPT, "a", TrackStatus.DOWN);
        assertThat(e.priority("VI_1")).isEqualTo(130);
        VrrpEngine high = new VrrpEngine(List.of(settings(200).track(Track.script("a", 50))
                .track(Track.script("b", 30)).build()), List.of(), log::add);
        high.start(0);
        high.onTrack(1, TrackKind.SCRIPT, "a", TrackStatus.UP);
        high.onTrack(1, TrackKind.SCRIPT, "b", TrackStatus.UP);
        assertThat(high.priority("VI_1")).isEqualTo(254);
    }

    @Test
    void zeroWeightFailureMeansFaultAndMasterSendsPriorityZero() {
        VrrpEngine e = masterAt(engine(settings(150).track(Track.iface("eth1", 0)).build()), mdi(150));
        e.onTimer(5 * SECOND);
        List<Action> out = e.onLink(5 * SECOND, "eth1", false);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.FAULT);
        assertThat(out.getFirst()).isInstanceOfSatisfying(Action.SendAdvert.class,
                a -> assertThat(a.priority()).isZero());
        e.onLink(6 * SECOND, "eth1", true);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void reverseFlipsTheDirectionOfTheWeightNotItsTrigger() {
        VrrpEngine e = engine(settings(100).track(new Track(TrackKind.SCRIPT, "plus", 10, true, false))
                .track(new Track(TrackKind.SCRIPT, "minus", -20, true, false)).build());
        e.start(0);
        e.onTrack(1, TrackKind.SCRIPT, "plus", TrackStatus.UP);
        e.onTrack(1, TrackKind.SCRIPT, "minus", TrackStatus.UP);
        // "plus" succeeds: 10 is subtracted instead of added; "minus" succeeds: nothing.
        assertThat(e.priority("VI_1")).isEqualTo(90);
        e.onTrack(1, TrackKind.SCRIPT, "minus", TrackStatus.DOWN);
        // "minus" fails: 20 is added instead of subtracted.
        assertThat(e.priority("VI_1")).isEqualTo(110);
    }

    @Test
    void scriptThatHasNotRunYetIsNeitherWeightNorFault() {
        VrrpEngine e = engine(settings(100).track(Track.script("zero", 0)).track(Track.script("plus", 20)).build());
        e.start(0);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.BACKUP);
        assertThat(e.priority("VI_1")).isEqualTo(100);
    }

    @Test
    void reverseTrackInterfaceFaultsWhileUp() {
        VrrpEngine e = engine(settings(150).track(new Track(TrackKind.INTERFACE, "eth1", 0, true, false)).build());
        e.start(0);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.FAULT);
        e.onLink(SECOND, "eth1", false);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void trackFileValueIsMultipliedByWeight() {
        VrrpEngine e = engine(settings(100).track(Track.file("prio", 5)).build());
        e.start(0);
        e.onTrack(1, TrackKind.FILE, "prio", TrackStatus.value(-4));
        assertThat(e.priority("VI_1")).isEqualTo(80);
        e.onTrack(2, TrackKind.FILE, "prio", TrackStatus.value(-60));
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.FAULT);
    }

    @Test
    void ownInterfaceDownMeansFault() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        e.onLink(SECOND, "eth0", false);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.FAULT);
    }

    // ---- receive validation (RFC 3768 §7.1, keepalived's stricter checks) -------------------------------

    private void assertRejected(VrrpEngine e, Received r, RejectReason reason) {
        VrrpState before = e.state("VI_1");
        long wake = e.nextWakeup();
        assertThat(e.onAdvert(SECOND, r)).isEmpty();
        assertThat(e.rejectCounts("VI_1")).containsEntry(reason, 1L);
        assertThat(e.state("VI_1")).isEqualTo(before);
        assertThat(e.nextWakeup()).isEqualTo(wake);
    }

    @Test
    void multicastAdvertWithTtlBelow255IsDropped() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        Received ok = rx(advert(200), PEER_HIGH);
        assertRejected(e, new Received(ok.message(), PEER_HIGH, GROUP, 254, "eth0"), RejectReason.TTL);
    }

    @Test
    void unicastSkipsTheTtlCheck() {
        VrrpEngine e = engine(settings(100).unicastPeer(PEER_HIGH).build());
        e.start(0);
        Received ok = rx(advert(200), PEER_HIGH);
        e.onAdvert(SECOND, new Received(ok.message(), PEER_HIGH, GROUP, 64, "eth0"));
        assertThat(e.rejectCounts("VI_1")).isEmpty();
        assertThat(e.nextWakeup()).isEqualTo(SECOND + mdi(100));
    }

    @Test
    void v2IntervalMismatchIsDropped() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        assertRejected(e, rx(new Advert(2, 12, 200, 200, AuthType.PASS, "hunter2", List.of(VIP)), PEER_HIGH),
                RejectReason.INTERVAL);
    }

    @Test
    void wrongPasswordIsDropped() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        assertRejected(e, rx(new Advert(2, 12, 200, 100, AuthType.PASS, "hunter3", List.of(VIP)), PEER_HIGH),
                RejectReason.AUTH_PASS);
    }

    @Test
    void authTypeMismatchIsDropped() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        assertRejected(e, rx(new Advert(2, 12, 200, 100, AuthType.NONE, "", List.of(VIP)), PEER_HIGH),
                RejectReason.AUTH_TYPE);
    }

    @Test
    void vipCountMismatchIsDroppedLikeKeepalived() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        assertRejected(e, rx(new Advert(2, 12, 200, 100, AuthType.PASS, "hunter2", List.of(VIP, ip("192.0.2.101"))),
                PEER_HIGH), RejectReason.ADDRESS_COUNT);
    }

    @Test
    void vipListMismatchIsDropped() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        assertRejected(e, rx(new Advert(2, 12, 200, 100, AuthType.PASS, "hunter2", List.of(ip("192.0.2.101"))),
                PEER_HIGH), RejectReason.ADDRESS_LIST);
    }

    @Test
    void badChecksumIsDropped() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        Received ok = rx(advert(200), PEER_HIGH);
        byte[] bad = ok.message();
        bad[7] ^= 1;
        assertRejected(e, new Received(bad, PEER_HIGH, GROUP, 255, "eth0"), RejectReason.CHECKSUM);
    }

    @Test
    void versionMismatchIsDropped() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        Advert v3 = new Advert(3, 12, 200, 100, AuthType.NONE, "", List.of(VIP));
        assertRejected(e, rx(v3, PEER_HIGH), RejectReason.VERSION);
    }

    @Test
    void unknownVridIsCountedOnTheEngine() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        Advert other = new Advert(2, 13, 200, 100, AuthType.PASS, "hunter2", List.of(VIP));
        assertThat(e.onAdvert(SECOND, rx(other, PEER_HIGH))).isEmpty();
        assertThat(e.unattributedRejects()).containsEntry(RejectReason.UNKNOWN_VRID, 1L);
    }

    @Test
    void rejectLogIsRateLimitedOnTheEngineClock() {
        VrrpEngine e = engine(settings(100).build());
        e.start(0);
        Received ok = rx(advert(200), PEER_HIGH);
        Received bad = new Received(ok.message(), PEER_HIGH, GROUP, 1, "eth0");
        for (int i = 0; i < 100; i++) {
            e.onAdvert(SECOND + i * 1000L, bad);
        }
        assertThat(log).hasSize(1);
        e.onAdvert(12 * SECOND, bad);
        assertThat(log).hasSize(2);
        assertThat(log.get(1)).contains("99 more like it not logged");
        assertThat(e.rejectCounts("VI_1")).containsEntry(RejectReason.TTL, 101L);
    }

    @Test
    void settingsRefuseMixedFamilyVipWithKeepalivedWording() {
        assertThatThrownBy(() -> settings(100).vip(ip("2001:db8::1")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address family must match VRRP instance [2001:db8:0:0:0:0:0:1]");
    }

    @Test
    void syncGroupWithUnknownMemberIsRefused() {
        assertThatThrownBy(() -> new VrrpEngine(List.of(settings(100).build()),
                List.of(SyncGroupSettings.of("VG_1", "VI_1", "INTERN")), log::add))
                .hasMessageContaining("virtual router INTERN specified in sync group VG_1 doesn't exist");
    }

    @Test
    void excludedVipsFollowTheStateButAreNotAdvertised() {
        Vip other = Vip.of(ip("2001:db8::45"));
        VrrpEngine e = masterAt(engine(settings(100).excludedVip(other).build()), mdi(100));
        e.onTimer(10 * SECOND);
        List<Action> out = e.shutdown(10 * SECOND);
        Action.SendAdvert adv = (Action.SendAdvert) out.getFirst();
        assertThat(adv.advert().addresses()).containsExactly(VIP);
        assertThat(((Action.RemoveVips) out.get(1)).vips()).extracting(Vip::address).containsExactly(VIP,
                other.address());
    }

    @Test
    void v3BackupSkewTimeUsesMasterAdvertInterval() {
        InstanceSettings s = InstanceSettings.builder("VI_1", 12, SELF).version(3).priority(100).vip(VIP)
                .advertIntervalCentis(100).preemptDelay(Duration.ZERO).build();
        VrrpEngine e = engine(s);
        e.start(0);
        Advert fast = new Advert(3, 12, 200, 50, AuthType.NONE, "", List.of(VIP));
        e.onAdvert(SECOND, rx(fast, PEER_HIGH));
        // RFC 5798 §6.1: 3 * 0.5 s + (156 * 0.5 s) / 256.
        assertThat(e.nextWakeup()).isEqualTo(SECOND + 3 * SECOND / 2 + 156 * (SECOND / 2) / 256);
    }

    @Test
    void unicastSendsOneDatagramPerPeerEachWithItsOwnV3Checksum() {
        InstanceSettings s = InstanceSettings.builder("VI_1", 13, SELF).version(3).priority(150).vip(VIP)
                .unicastPeer(PEER_LOW).unicastPeer(PEER_HIGH).build();
        VrrpEngine e = engine(s);
        e.start(0);
        List<Action> out = e.onTimer(10 * SECOND);
        Action.SendAdvert adv = (Action.SendAdvert) out.getFirst();
        assertThat(adv.datagrams()).extracting(Action.Datagram::destination).containsExactly(PEER_LOW, PEER_HIGH);
        assertThat(adv.datagrams().get(0).payload()).isNotEqualTo(adv.datagrams().get(1).payload());
    }

    @Test
    void v3ChecksumAsV2SendsTheRfc9568Form() {
        InstanceSettings s = InstanceSettings.builder("VI_1", 13, SELF).version(3).priority(150)
                .vip(ip("192.0.2.101")).checksumForm(ChecksumForm.VRRP_MESSAGE_ONLY).build();
        VrrpEngine e = engine(s);
        e.start(0);
        Action.SendAdvert adv = (Action.SendAdvert) e.onTimer(10 * SECOND).getFirst();
        // keepalived.md §4.3: 7627 is the RFC 9568 checksum of this advert.
        assertThat(java.util.HexFormat.of().formatHex(adv.datagrams().getFirst().payload()))
                .isEqualTo("310d960100647627c0000265");
    }

    @Test
    void garpRefreshRepeatsWhileMasterAndCarriesTheIntervals() {
        GarpSettings g = new GarpSettings(Duration.ZERO, 3, Duration.ofSeconds(60), 2, Duration.ZERO, 0,
                Duration.ofMillis(10),
                Duration.ofMillis(20));
        VrrpEngine e = masterAt(engine(settings(100).garp(g).build()), mdi(100));
        List<Action> all = new ArrayList<>();
        for (long t = mdi(100); t <= mdi(100) + 125 * SECOND; t += SECOND) {
            all.addAll(e.onTimer(t));
        }
        assertThat(all).filteredOn(a -> a instanceof Action.SendGratuitous).extracting(
                a -> ((Action.SendGratuitous) a).repeat()).containsExactly(2, 2);
        Action.SendGratuitous first = (Action.SendGratuitous) all.stream()
                .filter(a -> a instanceof Action.SendGratuitous).findFirst().orElseThrow();
        assertThat(first.arpInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(first.naInterval()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void higherPrioSendAdvertSendsOneOwnAdvertBeforeYielding() {
        VrrpEngine e = masterAt(engine(settings(100).higherPrioSendAdvert(true).build()), mdi(100));
        List<Action> out = e.onAdvert(mdi(100) + 10, rx(advert(200), PEER_HIGH));
        assertThat(out.get(0)).isInstanceOfSatisfying(Action.SendAdvert.class,
                a -> assertThat(a.priority()).isEqualTo(100));
        assertThat(out.get(1)).isInstanceOf(Action.RemoveVips.class);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void dontTrackPrimaryIgnoresOwnLinkDown() {
        VrrpEngine e = engine(settings(100).dontTrackPrimary(true).build());
        e.start(0);
        e.onLink(SECOND, "eth0", false);
        assertThat(e.state("VI_1")).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void statusShowsStatePrioritiesAndRejects() {
        VrrpEngine e = engine(settings(150).track(Track.script("chk", -20)).build());
        e.start(0);
        e.onTrack(1, TrackKind.SCRIPT, "chk", TrackStatus.DOWN);
        Received ok = rx(advert(200), PEER_HIGH);
        e.onAdvert(2, new Received(ok.message(), PEER_HIGH, GROUP, 9, "eth0"));
        assertThat(e.status()).singleElement().satisfies(st -> {
            assertThat(st.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(st.configuredPriority()).isEqualTo(150);
            assertThat(st.effectivePriority()).isEqualTo(130);
            assertThat(st.masterAdverIntervalCentis()).isEqualTo(100);
            assertThat(st.rejects()).containsEntry(RejectReason.TTL, 1L);
        });
    }

    @Test
    void checkUnicastSrcDropsAdvertsFromNonPeers() {
        VrrpEngine e = engine(settings(100).unicastPeer(PEER_LOW).checkUnicastSource(true).build());
        e.start(0);
        assertRejected(e, rx(advert(200), PEER_HIGH), RejectReason.UNICAST_SOURCE);
    }
}
