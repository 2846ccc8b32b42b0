package dev.tandem.vrrp.sim;

import static dev.tandem.vrrp.sim.Hosts.SECOND;
import static dev.tandem.vrrp.sim.Hosts.v2;
import static dev.tandem.vrrp.sim.Hosts.v6;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.vrrp.SyncGroupSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: whenever the LAN has been connected (no partition, no loss, every live link up, nobody joined)
 * for 2 x Master_Down_Interval, each VRID has exactly one master. Random fault schedules from seeded Randoms.
 */
class ConvergencePropertyTest {
    private static final int SCHEDULES = 200;
    private static final long FAULT_PHASE = 40 * SECOND;
    private static final long STEP = 250_000 + 7;
    /** Largest Master_Down_Interval in play: v2, advert_int 1, priority 1: 3 s + 255/256 s. */
    private static final long MDI_MAX = 4 * SECOND;

    @Test
    void everyVridHasExactlyOneMasterOnceConnectedForTwoMasterDownIntervals() {
        long checks = 0;
        for (int schedule = 0; schedule < SCHEDULES; schedule++) {
            checks += runSchedule(schedule, false);
        }
        // Every schedule ends with a long connected stretch, so the property was checked many times.
        assertThat(checks).isGreaterThan(SCHEDULES * 10L);
    }

    /** Same property with both instances of each node in one sync group, members sharing the node's priority (#624). */
    @Test
    void syncGroupsAlsoConvergeToOneMasterPerVrid() {
        long checks = 0;
        for (int schedule = 0; schedule < SCHEDULES / 2; schedule++) {
            checks += runSchedule(10_000 + schedule, true);
        }
        assertThat(checks).isGreaterThan(SCHEDULES * 5L);
    }

    private long runSchedule(long seed, boolean grouped) {
        long checks = 0;
        Random r = new Random(seed);
        SimLan lan = new SimLan(seed);
        List<String> names = List.of("a", "b", "c");
        for (int i = 0; i < names.size(); i++) {
            int prio4 = 1 + r.nextInt(3) * 50 + (r.nextBoolean() ? 0 : 1);
            int prio6 = grouped ? prio4 : 100 + r.nextInt(2) * 50;
            lan.add(names.get(i), List.of(v2(i + 1, prio4).build(), v6(i + 1, prio6).advertIntervalCentis(50).build()),
                    grouped ? List.of(SyncGroupSettings.of("VG_1", "VI_1", "VI_6")) : List.of());
        }
        lan.startAll();
        long connectedSince = 0;
        List<String> down = new ArrayList<>();
        List<String> linkDown = new ArrayList<>();
        boolean partitioned = false;
        boolean lossy = false;
        List<String> trace = new ArrayList<>();
        long nextFault = r.nextLong(3 * SECOND);
        long end = FAULT_PHASE + 3 * MDI_MAX;
        while (lan.now() < end) {
            long t = lan.now() + STEP;
            if (nextFault <= t && lan.now() < FAULT_PHASE) {
                lan.runUntil(nextFault);
                String n = names.get(r.nextInt(names.size()));
                switch (r.nextInt(7)) {
                    case 0 -> {
                        List<String> shuffled = new ArrayList<>(names);
                        java.util.Collections.shuffle(shuffled, r);
                        int cut = 1 + r.nextInt(2);
                        lan.partition(List.of(shuffled.subList(0, cut), shuffled.subList(cut, 3)));
                        partitioned = true;
                        trace.add(lan.now() + " partition " + shuffled + "@" + cut);
                    }
                    case 1 -> {
                        lan.heal();
                        partitioned = false;
                        trace.add(lan.now() + " heal");
                    }
                    case 2 -> {
                        lossy = r.nextBoolean();
                        lan.loss(lossy ? r.nextDouble() * 0.5 : 0);
                        long delay = 50 + r.nextLong(lossy ? 300_000 : 5_000);
                        lan.delay(delay, r.nextLong(1, delay + 1));
                        trace.add(lan.now() + " loss " + lossy + " delay " + delay);
                    }
                    case 3 -> {
                        if (!down.contains(n) && down.size() < 2) {
                            if (r.nextBoolean()) {
                                lan.crash(n);
                            } else {
                                lan.shutdown(n);
                            }
                            down.add(n);
                            trace.add(lan.now() + " down " + n);
                        }
                    }
                    case 4 -> {
                        if (down.remove(n)) {
                            lan.start(n);
                            trace.add(lan.now() + " restart " + n);
                        }
                    }
                    case 5 -> {
                        if (!linkDown.contains(n)) {
                            lan.link(n, false);
                            linkDown.add(n);
                            trace.add(lan.now() + " link down " + n);
                        }
                    }
                    default -> {
                        if (linkDown.remove(n)) {
                            lan.link(n, true);
                            trace.add(lan.now() + " link up " + n);
                        }
                    }
                }
                connectedSince = Long.MAX_VALUE;
                nextFault = lan.now() + r.nextLong(6 * SECOND);
            } else {
                lan.runUntil(t);
            }
            if (lan.now() >= FAULT_PHASE && (partitioned || lossy || !down.isEmpty() || !linkDown.isEmpty())) {
                lan.heal();
                lan.loss(0);
                lan.delay(100, 0);
                for (String n : down) {
                    lan.start(n);
                }
                for (String n : linkDown) {
                    lan.link(n, true);
                }
                down.clear();
                linkDown.clear();
                partitioned = lossy = false;
                trace.add(lan.now() + " heal all");
                connectedSince = lan.now();
            }
            boolean connected = !partitioned && !lossy && linkDown.isEmpty();
            if (!connected) {
                connectedSince = Long.MAX_VALUE;
            } else if (connectedSince == Long.MAX_VALUE) {
                connectedSince = lan.now();
            }
            if (connectedSince != Long.MAX_VALUE && lan.now() - connectedSince >= 2 * MDI_MAX) {
                for (String vrid : List.of("VI_1", "VI_6")) {
                    assertThat(lan.masters(vrid))
                            .as("schedule %d at %d us, %s; trace %s", seed, lan.now(), vrid, trace)
                            .hasSize(1);
                    checks++;
                }
            }
        }
        for (SimNode n : lan.nodes()) {
            assertThat(n.vipInvariantViolations()).as("schedule %d; trace %s", seed, trace).isEmpty();
        }
        return checks;
    }
}
