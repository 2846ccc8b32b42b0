package dev.tandem.vrrp;

import dev.tandem.vrrp.Action.Datagram;
import dev.tandem.vrrp.Action.Scope;
import dev.tandem.vrrp.packet.Advert;
import dev.tandem.vrrp.packet.AdvertCodec;
import dev.tandem.vrrp.packet.AdvertException;
import dev.tandem.vrrp.packet.AuthType;
import dev.tandem.vrrp.packet.RejectReason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The state machine of one VRRP instance: RFC 3768/5798 §6 with keepalived 2.2.7's deviations
 * (keepalived.md §1.3). Pure: time is the {@code now} (monotonic microseconds) each call is given.
 */
final class VrrpInstance {
    static final long NEVER = Long.MAX_VALUE;
    static final InetAddress GROUP4 = literal(new byte[] {(byte) 224, 0, 0, 18});
    static final InetAddress GROUP6 = literal(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0x12});

    final InstanceSettings s;
    private final List<Track> tracks;
    private final Map<String, TrackStatus> status = new HashMap<>();
    private final Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
    private final RejectLog rejectLog;
    private final Consumer<String> log;
    private final List<InetAddress> advertised;
    private final List<Vip> allVips;
    SyncGroup group;

    VrrpState state = VrrpState.INIT;
    boolean linkUp = true;
    boolean ownerDemoted;
    /** Sync groups only: this member's down timer ran out, so it is ready to become MASTER. */
    boolean wantsMaster;
    int masterAdverCentis;
    long downAt = NEVER;
    long adverAt = NEVER;
    long garpAt = NEVER;
    long refreshAt = NEVER;
    long lowerGarpAt = NEVER;
    long preemptSince = -1;

    VrrpInstance(InstanceSettings settings, boolean zeroTrackingWeights, Consumer<String> log) {
        this.s = settings;
        this.log = log;
        // keepalived.conf(5) vrrp_sync_group: member tracking weights are forced to 0 unless
        // sync_group_tracking_weight, so a tracked failure means FAULT for the whole group.
        this.tracks = settings.tracks().stream().map(t -> zeroTrackingWeights ? t.withWeight(0) : t).toList();
        for (Track t : tracks) {
            status.put(key(t.kind(), t.name()), t.initialStatus());
        }
        this.rejectLog = new RejectLog(settings.name(), log);
        this.advertised = settings.vips().stream().map(Vip::address).toList();
        List<Vip> all = new ArrayList<>(settings.vips());
        all.addAll(settings.excludedVips());
        this.allVips = List.copyOf(all);
        this.masterAdverCentis = settings.advertIntervalCentis();
    }

    String name() {
        return s.name();
    }

    Map<RejectReason, Long> rejects() {
        return Map.copyOf(rejects);
    }

    List<Track> tracks() {
        return tracks;
    }

    // ---- priority, faults and timers -------------------------------------------------------------------

    int effectivePriority() {
        if (s.priority() == 255) {
            // An owner's priority never moves with tracking; it only drops to 254 on meeting another owner.
            return ownerDemoted ? 254 : 255;
        }
        long p = s.priority();
        for (Track t : tracks) {
            Integer adj = t.adjustment(status.get(key(t.kind(), t.name())));
            if (adj != null) {
                p += adj;
            }
        }
        return (int) Math.max(1, Math.min(254, p));
    }

    boolean ownFault() {
        if (!linkUp && !s.dontTrackPrimary()) {
            return true;
        }
        for (Track t : tracks) {
            if (t.adjustment(status.get(key(t.kind(), t.name()))) == null) {
                return true;
            }
        }
        return false;
    }

    boolean track(TrackKind kind, String name, TrackStatus st) {
        String k = key(kind, name);
        if (!status.containsKey(k)) {
            return false;
        }
        status.put(k, st);
        return true;
    }

    static long micros(int centis) {
        return centis * 10_000L;
    }

    /** RFC 3768 §6.1: (256 - Priority) / 256 s; RFC 5798 §6.1: ((256 - Priority) * Master_Adver_Interval) / 256. */
    long skewMicros() {
        int p = effectivePriority();
        return s.version() == 2 ? (256 - p) * 1_000_000L / 256 : (256 - p) * micros(masterAdverCentis) / 256;
    }

    /** RFC 5798 §6.1: 3 * Master_Adver_Interval + Skew_Time. */
    long masterDownMicros() {
        return 3 * micros(masterAdverCentis) + skewMicros();
    }

    long nextWakeup() {
        return Math.min(Math.min(downAt, adverAt), Math.min(Math.min(garpAt, refreshAt), lowerGarpAt));
    }

    boolean wantsMasterAtStart() {
        return s.priority() == 255 || s.initialState() == VrrpState.MASTER;
    }

    // ---- lifecycle -----------------------------------------------------------------------------------

    /** Enter the first state; a sync group decides faults for its members before calling this. */
    void start(long now, List<Action> out) {
        masterAdverCentis = s.advertIntervalCentis();
        if (ownFault() || (group != null && group.faulted())) {
            enterFault(now, out, "init");
        } else if (wantsMasterAtStart()) {
            // keepalived vrrp_init_state: a wanted MASTER times out of BACKUP at once, with no BACKUP notify.
            changeState(VrrpState.BACKUP, "init", out);
            downAt = now;
        } else {
            becomeBackup(now, out, "init");
            if (s.preemptDelay().isPositive()) {
                preemptSince = now;
            }
        }
    }

    void onTimer(long now, List<Action> out) {
        if (state == VrrpState.MASTER) {
            if (adverAt <= now) {
                sendAdvert(effectivePriority(), out);
                adverAt = now + micros(s.advertIntervalCentis());
            }
            if (garpAt <= now) {
                garpAt = NEVER;
                out.add(gratuitous(s.garp().masterRepeat()));
            }
            if (lowerGarpAt <= now) {
                lowerGarpAt = NEVER;
                out.add(gratuitous(s.garp().lowerPrioRepeat()));
            }
            if (refreshAt <= now) {
                refreshAt = now + s.garp().masterRefresh().toNanos() / 1000;
                out.add(gratuitous(s.garp().masterRefreshRepeat()));
            }
        } else if (state == VrrpState.BACKUP && downAt <= now) {
            downAt = NEVER;
            if (group != null) {
                group.memberReady(now, this, out);
            } else {
                becomeMaster(now, out, "master down timer expired");
            }
        }
        // A timer that does not belong to the current state must never keep the wake-up time in the past.
        if (state != VrrpState.MASTER) {
            adverAt = garpAt = refreshAt = lowerGarpAt = NEVER;
        }
        if (state != VrrpState.BACKUP) {
            downAt = NEVER;
        }
    }

    void becomeMaster(long now, List<Action> out, String reason) {
        wantsMaster = false;
        downAt = NEVER;
        preemptSince = -1;
        masterAdverCentis = s.advertIntervalCentis();
        sendAdvert(effectivePriority(), out);
        if (!allVips.isEmpty()) {
            out.add(new Action.AddVips(name(), s.interfaceName(), allVips));
            out.add(gratuitous(s.garp().masterRepeat()));
        }
        adverAt = now + micros(s.advertIntervalCentis());
        garpAt = s.garp().masterDelay().isPositive() && !allVips.isEmpty()
                ? now + s.garp().masterDelay().toNanos() / 1000 : NEVER;
        refreshAt = s.garp().masterRefresh().isPositive() && !allVips.isEmpty()
                ? now + s.garp().masterRefresh().toNanos() / 1000 : NEVER;
        changeState(VrrpState.MASTER, reason, out);
        notify(VrrpState.MASTER, out);
    }

    void becomeBackup(long now, List<Action> out, String reason) {
        if (state == VrrpState.MASTER && !allVips.isEmpty()) {
            out.add(new Action.RemoveVips(name(), s.interfaceName(), allVips));
        }
        wantsMaster = false;
        adverAt = garpAt = refreshAt = lowerGarpAt = NEVER;
        changeState(VrrpState.BACKUP, reason, out);
        downAt = now + masterDownMicros();
        notify(VrrpState.BACKUP, out);
    }

    void enterFault(long now, List<Action> out, String reason) {
        if (state == VrrpState.FAULT || state == VrrpState.STOP) {
            return;
        }
        if (state == VrrpState.MASTER) {
            // keepalived vrrp.c (PR #34): a master going to FAULT hands over at once with priority 0.
            sendAdvert(0, out);
            if (!allVips.isEmpty()) {
                out.add(new Action.RemoveVips(name(), s.interfaceName(), allVips));
            }
        }
        wantsMaster = false;
        downAt = adverAt = garpAt = refreshAt = lowerGarpAt = NEVER;
        changeState(VrrpState.FAULT, reason, out);
        notify(VrrpState.FAULT, out);
    }

    void leaveFault(long now, List<Action> out) {
        if (state != VrrpState.FAULT) {
            return;
        }
        masterAdverCentis = s.advertIntervalCentis();
        becomeBackup(now, out, "fault cleared");
        if (s.priority() == 255) {
            downAt = now;
        } else if (s.preemptDelay().isPositive()) {
            preemptSince = now;
        }
    }

    void stop(long now, List<Action> out) {
        if (state == VrrpState.STOP) {
            return;
        }
        if (state == VrrpState.MASTER) {
            // RFC 5798 §6.4.3 Shutdown: send an advert with priority 0.
            sendAdvert(0, out);
            if (!allVips.isEmpty()) {
                out.add(new Action.RemoveVips(name(), s.interfaceName(), allVips));
            }
        }
        wantsMaster = false;
        downAt = adverAt = garpAt = refreshAt = lowerGarpAt = NEVER;
        changeState(VrrpState.STOP, "shutdown", out);
        notify(VrrpState.STOP, out);
    }

    /** Own fault changed (link, tracking) outside a sync group. */
    void reevaluateFault(long now, List<Action> out) {
        boolean f = ownFault();
        if (f && (state == VrrpState.MASTER || state == VrrpState.BACKUP)) {
            enterFault(now, out, "tracked object failed");
        } else if (!f && state == VrrpState.FAULT) {
            leaveFault(now, out);
        }
    }

    // ---- receive -------------------------------------------------------------------------------------

    void onAdvert(long now, Received r, List<Action> out) {
        Advert a;
        try {
            a = validate(r);
        } catch (AdvertException e) {
            rejects.merge(e.reason(), 1L, Long::sum);
            rejectLog.reject(now, e.reason(), e.getMessage() + " from " + r.source().getHostAddress());
            return;
        }
        if (state == VrrpState.BACKUP) {
            backupReceive(now, a, out);
        } else if (state == VrrpState.MASTER) {
            masterReceive(now, a, r.source(), out);
        }
    }

    void reject(long now, RejectReason reason, String detail) {
        rejects.merge(reason, 1L, Long::sum);
        rejectLog.reject(now, reason, detail);
    }

    /** RFC 3768 §7.1 / RFC 5798 §7.1 plus keepalived's stricter checks (keepalived.md §1.3). */
    private Advert validate(Received r) throws AdvertException {
        if (s.unicastPeers().isEmpty() && r.ttl() != 255) {
            throw new AdvertException(RejectReason.TTL, "TTL " + r.ttl());
        }
        if (s.checkUnicastSource() && !s.unicastPeers().isEmpty() && !s.unicastPeers().contains(r.source())) {
            throw new AdvertException(RejectReason.UNICAST_SOURCE, r.source().getHostAddress());
        }
        Advert a = AdvertCodec.decode(r.message(), s.ipv6(), r.source(), r.destination());
        if (a.version() != s.version()) {
            throw new AdvertException(RejectReason.VERSION, "got version " + a.version() + ", expect " + s.version());
        }
        if (s.version() == 2) {
            if (a.authType() != s.authType()) {
                throw new AdvertException(RejectReason.AUTH_TYPE, "got " + a.authType() + ", expect " + s.authType());
            }
            if (s.authType() == AuthType.PASS && !a.authPass().equals(s.authPass())) {
                throw new AdvertException(RejectReason.AUTH_PASS, "");
            }
            if (a.intervalCentis() != s.advertIntervalCentis()) {
                throw new AdvertException(RejectReason.INTERVAL, "got " + a.intervalCentis() / 100 + "s, expect "
                        + s.advertIntervalCentis() / 100 + "s");
            }
        } else if (a.addresses().isEmpty()) {
            throw new AdvertException(RejectReason.ZERO_ADDRESSES, "");
        }
        if (a.addresses().size() != advertised.size()) {
            throw new AdvertException(RejectReason.ADDRESS_COUNT,
                    "received an unexpected ip number count " + a.addresses().size() + ", expect " + advertised.size());
        }
        Set<InetAddress> got = new HashSet<>(a.addresses());
        if (!got.equals(new HashSet<>(advertised))) {
            throw new AdvertException(RejectReason.ADDRESS_LIST, "got " + a.addresses());
        }
        return a;
    }

    private void backupReceive(long now, Advert a, List<Action> out) {
        int mine = effectivePriority();
        if (a.priority() == 0) {
            // RFC 5798 §6.4.2: the master is leaving; take over after Skew_Time only.
            downAt = now + skewMicros();
            return;
        }
        if (s.nopreempt() || a.priority() >= mine || preemptDelayHolds(now)) {
            // RFC 5798 §6.4.2: reset the timer (equal priority too: keepalived.md §1.4); v3 adopts the interval.
            if (s.version() == 3) {
                masterAdverCentis = a.intervalCentis();
            }
            if (a.priority() >= mine) {
                preemptSince = -1;
            }
            wantsMaster = false;
            downAt = now + masterDownMicros();
        }
        // Lower priority with preemption: discard; the running timer lets us preempt.
    }

    private boolean preemptDelayHolds(long now) {
        long delay = s.preemptDelay().toNanos() / 1000;
        if (delay == 0) {
            return false;
        }
        if (preemptSince < 0) {
            preemptSince = now;
        }
        return now < preemptSince + delay;
    }

    private void masterReceive(long now, Advert a, InetAddress source, List<Action> out) {
        if (a.priority() == 0) {
            // RFC 5798 §6.4.3: answer a leaving master's priority 0 at once.
            sendAdvert(effectivePriority(), out);
            adverAt = now + micros(s.advertIntervalCentis());
            return;
        }
        if (a.priority() == 255 && s.priority() == 255 && !ownerDemoted) {
            // keepalived vrrp.c: two address owners; this one steps down to 254 (keepalived.md §1.3).
            ownerDemoted = true;
            log.accept("(" + name() + ") another address owner " + source.getHostAddress()
                    + " found; lowering our priority to 254");
        }
        int mine = effectivePriority();
        if (a.priority() > mine || (a.priority() == mine && compare(source, s.sourceAddress()) > 0)) {
            if (s.version() == 3) {
                masterAdverCentis = a.intervalCentis();
            }
            String why = "master received advert from " + source.getHostAddress() + " with "
                    + (a.priority() > mine ? "higher priority " : "equal priority and higher address, prio ")
                    + a.priority() + ", ours " + mine;
            if (s.higherPrioSendAdvert()) {
                sendAdvert(mine, out);
            }
            if (group != null) {
                group.memberToBackup(now, this, out, why);
            } else {
                becomeBackup(now, out, why);
            }
        } else {
            if (!s.lowerPrioNoAdvert()) {
                // keepalived 2.2.7 / RFC 9568: re-advertise at once so the lower-priority sender backs off.
                sendAdvert(mine, out);
                adverAt = now + micros(s.advertIntervalCentis());
            }
            if (s.garp().lowerPrioRepeat() > 0 && !allVips.isEmpty()) {
                // keepalived garp_lower_prio_*: the other side may have claimed our VIPs (split brain, #166).
                out.add(gratuitous(s.garp().lowerPrioRepeat()));
                if (s.garp().lowerPrioDelay().isPositive()) {
                    lowerGarpAt = now + s.garp().lowerPrioDelay().toNanos() / 1000;
                }
            }
        }
    }

    // ---- outputs -------------------------------------------------------------------------------------

    private void sendAdvert(int priority, List<Action> out) {
        Advert adv = new Advert(s.version(), s.vrid(), priority, s.advertIntervalCentis(), s.authType(),
                s.authType() == AuthType.PASS ? s.authPass() : "", advertised);
        List<InetAddress> dests = s.unicastPeers().isEmpty() ? List.of(s.ipv6() ? GROUP6 : GROUP4) : s.unicastPeers();
        List<Datagram> datagrams = dests.stream()
                .map(d -> new Datagram(d, AdvertCodec.encode(adv, s.sourceAddress(), d, s.checksumForm())))
                .toList();
        out.add(new Action.SendAdvert(name(), adv, s.sourceAddress(), datagrams));
    }

    private Action gratuitous(int repeat) {
        return new Action.SendGratuitous(name(), s.interfaceName(), allVips, repeat, s.garp().arpInterval(),
                s.garp().naInterval());
    }

    private void changeState(VrrpState to, String reason, List<Action> out) {
        VrrpState from = state;
        state = to;
        out.add(new Action.StateChanged(name(), from, to, effectivePriority(), reason));
    }

    private void notify(VrrpState st, List<Action> out) {
        out.add(new Action.Notify(Scope.INSTANCE, name(), st, effectivePriority()));
        if (s.smtpAlert() && st != VrrpState.STOP) {
            out.add(new Action.SendMail(Scope.INSTANCE, name(), st));
        }
    }

    static String key(TrackKind kind, String name) {
        return kind + ":" + name;
    }

    /** keepalived vrrp_saddr_cmp: unsigned numeric comparison of the primary addresses. */
    static int compare(InetAddress a, InetAddress b) {
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }

    private static InetAddress literal(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
