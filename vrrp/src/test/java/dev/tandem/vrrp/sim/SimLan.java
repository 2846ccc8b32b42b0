package dev.tandem.vrrp.sim;

import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.InstanceSettings;
import dev.tandem.vrrp.Received;
import dev.tandem.vrrp.SyncGroupSettings;
import dev.tandem.vrrp.TrackKind;
import dev.tandem.vrrp.TrackStatus;
import dev.tandem.vrrp.VrrpEngine;
import dev.tandem.vrrp.VrrpState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Function;

/**
 * A simulated Ethernet segment on virtual time (microseconds). Adverts travel as the bytes the real codec
 * produced and are decoded by the receiving engine; the LAN can lose, delay, partition, heal, crash and unplug.
 */
public final class SimLan {
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final Map<String, SimNode> nodes = new LinkedHashMap<>();
    private final Random random;
    private long now;
    private long seq;
    private double loss;
    private long delayMicros = 100;
    private long jitterMicros;

    public SimLan(long seed) {
        this.random = new Random(seed);
    }

    public long now() {
        return now;
    }

    public SimNode add(String name, List<InstanceSettings> instances, List<SyncGroupSettings> groups) {
        SimNode n = new SimNode(name, instances, groups);
        nodes.put(name, n);
        return n;
    }

    public SimNode add(String name, InstanceSettings instance) {
        return add(name, List.of(instance), List.of());
    }

    public SimNode node(String name) {
        return nodes.get(name);
    }

    public List<SimNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public void loss(double probability) {
        loss = probability;
    }

    public void delay(long micros, long jitter) {
        delayMicros = micros;
        jitterMicros = jitter;
    }

    /** Nodes in different segments cannot hear each other until {@link #heal()}. */
    public void partition(List<List<String>> segments) {
        for (SimNode n : nodes.values()) {
            n.segment = -1;
        }
        for (int i = 0; i < segments.size(); i++) {
            for (String name : segments.get(i)) {
                nodes.get(name).segment = i;
            }
        }
        int next = segments.size();
        for (SimNode n : nodes.values()) {
            if (n.segment < 0) {
                n.segment = next++;
            }
        }
    }

    public void heal() {
        for (SimNode n : nodes.values()) {
            n.segment = 0;
        }
    }

    public boolean connected() {
        return nodes.values().stream().allMatch(n -> n.segment == 0) && loss == 0;
    }

    public void start(String name) {
        SimNode n = nodes.get(name);
        n.engine = new VrrpEngine(n.instances, n.groups, line -> n.logLines.add(now + " " + line));
        n.crashed = false;
        n.starts.add(n.history.size());
        handle(n, n.engine.start(now));
        if (!n.linkUp) {
            handle(n, n.engine.onLink(now, n.interfaceName(), false));
        }
    }

    public void startAll() {
        for (String n : nodes.keySet()) {
            start(n);
        }
    }

    /** The process dies: no priority-0 advert; its VIPs stay configured as with a SIGKILL (keepalived.md §4.2). */
    public void crash(String name) {
        SimNode n = nodes.get(name);
        n.crashed = true;
        n.engine = null;
        n.wakeGeneration++;
        n.scheduledWake = -1;
    }

    public void shutdown(String name) {
        SimNode n = nodes.get(name);
        handle(n, n.engine.shutdown(now));
        n.crashed = true;
        n.engine = null;
        n.wakeGeneration++;
        n.scheduledWake = -1;
    }

    public void link(String name, boolean up) {
        SimNode n = nodes.get(name);
        n.linkUp = up;
        if (n.engine != null) {
            handle(n, n.engine.onLink(now, n.interfaceName(), up));
        }
    }

    public void track(String name, TrackKind kind, String object, TrackStatus status) {
        SimNode n = nodes.get(name);
        handle(n, n.engine.onTrack(now, kind, object, status));
    }

    public void runUntil(long t) {
        while (!queue.isEmpty() && queue.peek().at <= t) {
            Event e = queue.poll();
            now = e.at;
            e.task.run();
        }
        now = Math.max(now, t);
    }

    public void runFor(long micros) {
        runUntil(now + micros);
    }

    /** Alive nodes whose instance is MASTER. */
    public List<String> masters(String instance) {
        List<String> out = new ArrayList<>();
        for (SimNode n : nodes.values()) {
            if (n.engine != null && n.engine.state(instance) == VrrpState.MASTER) {
                out.add(n.name);
            }
        }
        return out;
    }

    public <T> List<T> each(Function<SimNode, T> f) {
        return nodes.values().stream().map(f).toList();
    }

    private void handle(SimNode from, List<Action> actions) {
        for (Action a : actions) {
            from.history.add(new SimNode.Timed(now, a));
            if (a instanceof Action.SendAdvert adv && from.linkUp) {
                for (Action.Datagram d : adv.datagrams()) {
                    for (SimNode to : nodes.values()) {
                        if (to == from || to.segment != from.segment || !to.receives(d.destination())
                                || random.nextDouble() < loss) {
                            continue;
                        }
                        long at = now + delayMicros + (jitterMicros > 0 ? random.nextLong(jitterMicros) : 0);
                        Received r = new Received(d.payload(), adv.source(), d.destination(), 255, "eth0");
                        schedule(at, () -> {
                            if (to.engine != null && to.linkUp && to.segment == from.segment) {
                                handle(to, to.engine.onAdvert(now, r));
                            }
                        });
                    }
                }
            }
        }
        if (from.engine != null) {
            long wake = from.engine.nextWakeup();
            if (wake <= now) {
                // Every call runs what is due, so a pending wake-up at or before now would make the IO layer spin.
                throw new IllegalStateException(from.name + " wants a wake-up at " + wake + " but it is " + now);
            }
            if (wake != Long.MAX_VALUE && wake != from.scheduledWake) {
                long gen = ++from.wakeGeneration;
                from.scheduledWake = wake;
                schedule(wake, () -> {
                    if (from.wakeGeneration == gen && from.engine != null) {
                        from.scheduledWake = -1;
                        handle(from, from.engine.onTimer(now));
                    }
                });
            }
        }
    }

    private void schedule(long at, Runnable task) {
        queue.add(new Event(at, seq++, task));
    }

    private record Event(long at, long seq, Runnable task) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
