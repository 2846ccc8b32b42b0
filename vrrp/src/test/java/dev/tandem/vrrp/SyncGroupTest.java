package dev.tandem.vrrp;

import static dev.tandem.vrrp.sim.Hosts.SECOND;
import static dev.tandem.vrrp.sim.Hosts.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.vrrp.Action.Notify;
import dev.tandem.vrrp.packet.Advert;
import dev.tandem.vrrp.packet.AdvertCodec;
import dev.tandem.vrrp.packet.AuthType;
import dev.tandem.vrrp.packet.ChecksumForm;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived vrrp_sync.c semantics and notify order (keepalived.md §2.1, §2.2), on one engine. */
class SyncGroupTest {
    private static final InetAddress SELF4 = ip("192.0.2.11");
    private static final InetAddress SELF6 = ip("fe80::11");
    private static final InetAddress VIP4 = ip("192.0.2.100");
    private static final InetAddress VIP6 = ip("2001:db8:12::100");
    private final List<String> log = new ArrayList<>();

    private VrrpEngine engine(boolean trackingWeight) {
        InstanceSettings v4 = InstanceSettings.builder("VI_4", 12, SELF4).priority(150).vip(VIP4)
                .track(Track.script("chk", -20)).build();
        InstanceSettings v6 = InstanceSettings.builder("VI_6", 12, SELF6).priority(150).vip(VIP6).build();
        return new VrrpEngine(List.of(v4, v6),
                List.of(new SyncGroupSettings("VG_1", List.of("VI_4", "VI_6"), trackingWeight, false)), log::add);
    }

    private static List<String> notifies(List<Action> out) {
        return out.stream().filter(a -> a instanceof Notify).map(a -> (Notify) a)
                .map(n -> n.scope() + " " + n.name() + " " + n.state() + " " + n.priority()).toList();
    }

    private static long mdi150() {
        return 3 * SECOND + 106 * SECOND / 256;
    }

    @Test
    void startupNotifiesGroupBackupBeforeItsInstances() {
        VrrpEngine e = engine(false);
        // keepalived.md §2.1 [RUN]: GROUP VG_1 BACKUP 0, INSTANCE VI_4 BACKUP 150, INSTANCE VI_6 BACKUP 150.
        assertThat(notifies(e.start(0))).containsExactly("GROUP VG_1 BACKUP 0", "INSTANCE VI_4 BACKUP 150",
                "INSTANCE VI_6 BACKUP 150");
    }

    @Test
    void takeoverNotifiesFirstMemberThenGroupThenOthers() {
        VrrpEngine e = engine(false);
        e.start(0);
        List<Action> out = e.onTimer(mdi150());
        // keepalived.md §2.1 [RUN]: INSTANCE VI_6 MASTER, GROUP VG_1 MASTER, INSTANCE VI_4 MASTER: the member that
        // moves first notifies first, then the group, then the members it pulls along.
        assertThat(notifies(out)).containsExactly("INSTANCE VI_4 MASTER 150", "GROUP VG_1 MASTER 0",
                "INSTANCE VI_6 MASTER 150");
        assertThat(log).noneMatch(l -> l.contains("not ready"));
    }

    @Test
    void memberWaitsWhileTheOtherStillHearsAMaster() {
        VrrpEngine e = engine(false);
        e.start(0);
        Advert v6 = new Advert(3, 12, 200, 100, AuthType.NONE, "", List.of(VIP6));
        InetAddress peer = ip("fe80::12");
        InetAddress group = ip("ff02::12");
        long t = SECOND;
        for (; t < 10 * SECOND; t += SECOND) {
            e.onAdvert(t, new Received(AdvertCodec.encode(v6, peer, group, ChecksumForm.IPV4_PSEUDO_HEADER), peer,
                    group, 255, "eth0"));
            e.onTimer(t);
        }
        // keepalived vrrp_sync_can_goto_master: VI_4's timer ran out but VI_6 still has a master, so both wait.
        assertThat(e.state("VI_4")).isEqualTo(VrrpState.BACKUP);
        assertThat(e.state("VI_6")).isEqualTo(VrrpState.BACKUP);
        assertThat(log).anyMatch(l -> l.contains("(VI_4) sync group VG_1 not ready to go master"));
    }

    @Test
    void trackingWeightsInsideAGroupAreForcedToZeroSoFailureIsFault() {
        VrrpEngine e = engine(false);
        e.start(0);
        e.onTimer(mdi150());
        List<Action> out = e.onTrack(5 * SECOND, TrackKind.SCRIPT, "chk", TrackStatus.DOWN);
        assertThat(e.state("VI_4")).isEqualTo(VrrpState.FAULT);
        assertThat(e.state("VI_6")).isEqualTo(VrrpState.FAULT);
        assertThat(notifies(out)).containsExactly("INSTANCE VI_4 FAULT 150", "GROUP VG_1 FAULT 0",
                "INSTANCE VI_6 FAULT 150");
        assertThat(out).filteredOn(a -> a instanceof Action.SendAdvert s && s.priority() == 0).hasSize(2);
    }

    @Test
    void syncGroupTrackingWeightKeepsTheWeight() {
        VrrpEngine e = engine(true);
        e.start(0);
        e.onTrack(SECOND, TrackKind.SCRIPT, "chk", TrackStatus.DOWN);
        assertThat(e.state("VI_4")).isEqualTo(VrrpState.BACKUP);
        assertThat(e.priority("VI_4")).isEqualTo(130);
    }

    @Test
    void faultClearedBringsTheWholeGroupBackToBackup() {
        VrrpEngine e = engine(false);
        e.start(0);
        e.onTrack(SECOND, TrackKind.SCRIPT, "chk", TrackStatus.DOWN);
        List<Action> out = e.onTrack(2 * SECOND, TrackKind.SCRIPT, "chk", TrackStatus.UP);
        assertThat(notifies(out)).containsExactly("GROUP VG_1 BACKUP 0", "INSTANCE VI_4 BACKUP 150",
                "INSTANCE VI_6 BACKUP 150");
    }

    @Test
    void shutdownNotifiesInstancesStopThenGroupStop() {
        VrrpEngine e = engine(false);
        e.start(0);
        e.onTimer(mdi150());
        // keepalived.md §2.1 [RUN]: INSTANCE ... STOP 150 for each, then GROUP VG_1 STOP 0.
        assertThat(notifies(e.shutdown(10 * SECOND))).containsExactly("INSTANCE VI_4 STOP 150",
                "INSTANCE VI_6 STOP 150", "GROUP VG_1 STOP 0");
    }

    @Test
    void eventsAfterShutdownChangeNothing() {
        VrrpEngine e = engine(false);
        e.start(0);
        e.shutdown(SECOND);
        assertThat(e.onTrack(2 * SECOND, TrackKind.SCRIPT, "chk", TrackStatus.DOWN)).isEmpty();
        assertThat(e.onLink(3 * SECOND, "eth0", false)).isEmpty();
        assertThat(e.onTimer(20 * SECOND)).isEmpty();
        assertThat(e.state("VI_4")).isEqualTo(VrrpState.STOP);
    }
}
