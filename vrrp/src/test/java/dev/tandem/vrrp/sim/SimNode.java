package dev.tandem.vrrp.sim;

import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.InstanceSettings;
import dev.tandem.vrrp.SyncGroupSettings;
import dev.tandem.vrrp.VrrpEngine;
import dev.tandem.vrrp.VrrpState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One simulated host running a {@link VrrpEngine}; keeps every action with its virtual time. */
public final class SimNode {
    public record Timed(long at, Action action) {
    }

    final String name;
    final List<InstanceSettings> instances;
    final List<SyncGroupSettings> groups;
    final List<Timed> history = new ArrayList<>();
    final List<String> logLines = new ArrayList<>();
    /** Index into {@link #history} where each engine (re)start began. */
    final List<Integer> starts = new ArrayList<>();
    VrrpEngine engine;
    boolean crashed;
    boolean linkUp = true;
    int segment;
    long wakeGeneration;
    long scheduledWake = -1;

    SimNode(String name, List<InstanceSettings> instances, List<SyncGroupSettings> groups) {
        this.name = name;
        this.instances = List.copyOf(instances);
        this.groups = List.copyOf(groups);
    }

    /** Multicast reaches everyone; unicast only the host owning the destination address. */
    boolean receives(java.net.InetAddress destination) {
        return destination.isMulticastAddress()
                || instances.stream().anyMatch(i -> i.sourceAddress().equals(destination));
    }

    String interfaceName() {
        return instances.getFirst().interfaceName();
    }

    public String name() {
        return name;
    }

    public VrrpEngine engine() {
        return engine;
    }

    public List<Timed> history() {
        return history;
    }

    public List<String> logLines() {
        return logLines;
    }

    public VrrpState state(String instance) {
        return engine == null ? VrrpState.STOP : engine.state(instance);
    }

    /** Virtual time of the first transition of {@code instance} to {@code to} at or after {@code since}. */
    public Optional<Long> firstTransition(String instance, VrrpState to, long since) {
        return history.stream()
                .filter(t -> t.at() >= since && t.action() instanceof Action.StateChanged c && c.name().equals(instance)
                        && c.to() == to)
                .map(Timed::at).findFirst();
    }

    /**
     * Checks the action stream of every engine lifetime: VIPs are added only on entering MASTER, right after an
     * advert, and removed only on leaving it; add and remove alternate. Returns the violations.
     */
    public List<String> vipInvariantViolations() {
        List<String> out = new ArrayList<>();
        List<Integer> bounds = new ArrayList<>(starts);
        bounds.add(history.size());
        for (int s = 0; s + 1 < bounds.size(); s++) {
            java.util.Map<String, Boolean> held = new java.util.HashMap<>();
            Action previous = null;
            for (int i = bounds.get(s); i < bounds.get(s + 1); i++) {
                Action a = history.get(i).action();
                if (a instanceof Action.AddVips add) {
                    if (Boolean.TRUE.equals(held.put(add.name(), true))) {
                        out.add(name + " added VIPs of " + add.name() + " twice at " + history.get(i).at());
                    }
                    if (!(previous instanceof Action.SendAdvert)) {
                        out.add(name + " added VIPs of " + add.name() + " without an advert first");
                    }
                } else if (a instanceof Action.RemoveVips rm) {
                    if (!Boolean.TRUE.equals(held.put(rm.name(), false))) {
                        out.add(name + " removed VIPs of " + rm.name() + " it did not hold at " + history.get(i).at());
                    }
                } else if (a instanceof Action.StateChanged c && c.from() == VrrpState.MASTER
                        && Boolean.TRUE.equals(held.get(c.name()))) {
                    out.add(name + " left MASTER for " + c.to() + " keeping the VIPs of " + c.name());
                }
                previous = a;
            }
        }
        return out;
    }

    public <A extends Action> List<A> actions(Class<A> type) {
        return history.stream().map(Timed::action).filter(type::isInstance).map(type::cast).toList();
    }
}
