package dev.tandem.vrrp;

import dev.tandem.vrrp.packet.RejectReason;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All VRRP instances and sync groups of one node, as a pure state machine. The IO layer feeds it events with
 * the current monotonic time in microseconds and performs the returned {@link Action}s in order; it calls
 * {@link #onTimer} no later than {@link #nextWakeup()}. Not thread-safe: drive it from one thread.
 */
public final class VrrpEngine {
    private static final Logger LOG = LoggerFactory.getLogger(VrrpEngine.class);

    private final Map<String, VrrpInstance> instances = new LinkedHashMap<>();
    private final List<SyncGroup> groups = new ArrayList<>();
    private final Map<RejectReason, Long> unattributed = new EnumMap<>(RejectReason.class);
    private final Consumer<String> log;
    private boolean started;

    public VrrpEngine(List<InstanceSettings> instanceSettings, List<SyncGroupSettings> groupSettings) {
        this(instanceSettings, groupSettings, LOG::warn);
    }

    /**
     * @param log receives warnings (rate-limited rejects, sync group waits); tests capture it
     * @throws IllegalArgumentException on duplicate names, duplicate VRIDs or unknown sync group members
     */
    public VrrpEngine(List<InstanceSettings> instanceSettings, List<SyncGroupSettings> groupSettings,
                      Consumer<String> log) {
        this.log = log;
        Map<String, SyncGroupSettings> groupOf = new HashMap<>();
        for (SyncGroupSettings g : groupSettings) {
            for (String m : g.members()) {
                if (groupOf.put(m, g) != null) {
                    throw new IllegalArgumentException("vrrp_instance " + m + " is in more than one sync group");
                }
            }
        }
        Set<String> vridKeys = new HashSet<>();
        for (InstanceSettings s : instanceSettings) {
            if (instances.containsKey(s.name())) {
                throw new IllegalArgumentException("duplicate vrrp_instance " + s.name());
            }
            if (!vridKeys.add(s.interfaceName() + "/" + (s.ipv6() ? 6 : 4) + "/" + s.vrid())) {
                throw new IllegalArgumentException("vrrp_instance " + s.name() + ": VRID " + s.vrid()
                        + " is already used on " + s.interfaceName() + " for this address family");
            }
            SyncGroupSettings g = groupOf.get(s.name());
            instances.put(s.name(), new VrrpInstance(s, g != null && !g.trackingWeight(), log));
        }
        for (SyncGroupSettings g : groupSettings) {
            List<VrrpInstance> members = new ArrayList<>();
            for (String m : g.members()) {
                VrrpInstance i = instances.get(m);
                if (i == null) {
                    throw new IllegalArgumentException("virtual router " + m + " specified in sync group " + g.name()
                            + " doesn't exist");
                }
                members.add(i);
            }
            groups.add(new SyncGroup(g, members, log));
        }
    }

    public List<Action> start(long now) {
        if (started) {
            throw new IllegalStateException("engine already started");
        }
        started = true;
        List<Action> out = new ArrayList<>();
        for (SyncGroup g : groups) {
            g.start(now, out);
        }
        for (VrrpInstance i : instances.values()) {
            if (i.group == null) {
                i.start(now, out);
            }
        }
        runTimers(now, out);
        return log(out);
    }

    public List<Action> onTimer(long now) {
        List<Action> out = new ArrayList<>();
        runTimers(now, out);
        return log(out);
    }

    public List<Action> onAdvert(long now, Received r) {
        List<Action> out = new ArrayList<>();
        // A timer that fell due before this event happened first.
        runTimers(now, out);
        byte[] m = r.message();
        if (m.length < 2) {
            unattributed.merge(RejectReason.TOO_SHORT, 1L, Long::sum);
            return log(out);
        }
        int vrid = m[1] & 0xff;
        boolean ipv6 = r.source() instanceof Inet6Address;
        boolean matched = false;
        for (VrrpInstance i : instances.values()) {
            if (i.s.vrid() == vrid && i.s.ipv6() == ipv6
                    && (r.interfaceName().isEmpty() || r.interfaceName().equals(i.s.interfaceName()))) {
                matched = true;
                i.onAdvert(now, r, out);
            }
        }
        if (!matched) {
            unattributed.merge(RejectReason.UNKNOWN_VRID, 1L, Long::sum);
        }
        runTimers(now, out);
        return log(out);
    }

    /** A tracked object changed: script result, track_interface link, track_file value, or a {@link Tracker}. */
    public List<Action> onTrack(long now, TrackKind kind, String name, TrackStatus status) {
        List<Action> out = new ArrayList<>();
        runTimers(now, out);
        boolean any = false;
        for (VrrpInstance i : instances.values()) {
            any |= i.track(kind, name, status);
        }
        if (any) {
            reevaluate(now, out);
        }
        return log(out);
    }

    /** Link state of an interface: an instance's own interface going down means FAULT; track_interface too. */
    public List<Action> onLink(long now, String interfaceName, boolean up) {
        List<Action> out = new ArrayList<>();
        runTimers(now, out);
        for (VrrpInstance i : instances.values()) {
            if (i.s.interfaceName().equals(interfaceName)) {
                i.linkUp = up;
            }
            i.track(TrackKind.INTERFACE, interfaceName, up ? TrackStatus.UP : TrackStatus.DOWN);
        }
        reevaluate(now, out);
        return log(out);
    }

    /** Graceful stop: masters send priority 0 and drop their VIPs; every instance reports STOP. */
    public List<Action> shutdown(long now) {
        List<Action> out = new ArrayList<>();
        runTimers(now, out);
        for (VrrpInstance i : instances.values()) {
            if (i.group == null) {
                i.stop(now, out);
            }
        }
        for (SyncGroup g : groups) {
            g.stop(now, out);
        }
        return log(out);
    }

    /** When {@link #onTimer} must next run; {@link Long#MAX_VALUE} when nothing is pending. */
    public long nextWakeup() {
        long next = VrrpInstance.NEVER;
        for (VrrpInstance i : instances.values()) {
            next = Math.min(next, i.nextWakeup());
        }
        return next;
    }

    public VrrpState state(String instance) {
        return instance(instance).state;
    }

    public int priority(String instance) {
        return instance(instance).effectivePriority();
    }

    public Set<String> instanceNames() {
        return instances.keySet();
    }

    /** Every instance, in configuration order. */
    public List<InstanceStatus> status() {
        return instances.values().stream().map(i -> new InstanceStatus(i.name(), i.state, i.s.priority(),
                i.effectivePriority(), i.masterAdverCentis, i.ownFault(), i.rejects())).toList();
    }

    /** Dropped adverts per reason for one instance. */
    public Map<RejectReason, Long> rejectCounts(String instance) {
        return instance(instance).rejects();
    }

    /** Dropped adverts no instance could claim (unknown VRID, runt packets). */
    public Map<RejectReason, Long> unattributedRejects() {
        return Map.copyOf(unattributed);
    }

    private VrrpInstance instance(String name) {
        VrrpInstance i = instances.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no vrrp_instance " + name);
        }
        return i;
    }

    private void reevaluate(long now, List<Action> out) {
        if (!started) {
            return;
        }
        for (SyncGroup g : groups) {
            g.reevaluate(now, out);
        }
        for (VrrpInstance i : instances.values()) {
            if (i.group == null) {
                i.reevaluateFault(now, out);
            }
        }
        runTimers(now, out);
    }

    private void runTimers(long now, List<Action> out) {
        if (!started) {
            return;
        }
        // A sync group may re-arm timers while another member runs, so loop until nothing is due.
        for (int round = 0; round < 16; round++) {
            boolean ran = false;
            for (VrrpInstance i : instances.values()) {
                if (i.nextWakeup() <= now) {
                    i.onTimer(now, out);
                    ran = true;
                }
            }
            if (!ran) {
                return;
            }
        }
    }

    private List<Action> log(List<Action> out) {
        for (Action a : out) {
            if (a instanceof Action.StateChanged c) {
                // keepalived 2.2.7's wording, so existing log watchers keep matching.
                LOG.info("({}) Entering {} STATE", c.name(), c.to());
                LOG.debug("({}) {} -> {}: {}", c.name(), c.from(), c.to(), c.reason());
            }
        }
        return out;
    }
}
