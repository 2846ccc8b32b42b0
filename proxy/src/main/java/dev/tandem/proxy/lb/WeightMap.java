package dev.tandem.proxy.lb;

import java.util.List;

/**
 * haproxy's server map (lb_map.c): a table with one slot per unit of weight, filled so that the
 * servers interleave smoothly and equal weights keep declaration order. {@code hash-type
 * map-based} indexes it with {@code hash % size}; {@code static-rr} walks it in order.
 */
final class WeightMap {

    private final BackendServer[] slots;

    private WeightMap(BackendServer[] slots) {
        this.slots = slots;
    }

    /**
     * @param weights per server, already divided by the backend's weight divisor
     */
    static WeightMap build(List<BackendServer> servers, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        BackendServer[] slots = new BackendServer[total];
        long[] score = new long[servers.size()];
        for (int slot = 0; slot < total; slot++) {
            int best = -1;
            long bestRank = 0;
            for (int i = 0; i < servers.size(); i++) {
                if (weights[i] == 0) {
                    continue;
                }
                score[i] += weights[i];
                // the rank is (score + total) / total in integers: only a strictly higher rank
                // displaces an earlier server, which is what keeps declaration order on ties
                long rank = Math.floorDiv(score[i] + total, total);
                if (best < 0 || rank > bestRank) {
                    best = i;
                    bestRank = rank;
                }
            }
            slots[slot] = servers.get(best);
            score[best] -= total;
        }
        return new WeightMap(slots);
    }

    /**
     * The map over the balancer's current candidates with their effective weights divided by
     * {@code divisor}, rounded up so a small weight never vanishes.
     */
    static WeightMap over(BackendState state, BackendState.Candidates candidates, int divisor) {
        return build(candidates.servers(), weights(state, candidates.servers(), divisor));
    }

    static int[] weights(BackendState state, java.util.List<BackendServer> servers, int divisor) {
        int[] w = new int[servers.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (state.effectiveWeight(servers.get(i)) + divisor - 1) / divisor;
        }
        return w;
    }

    int size() {
        return slots.length;
    }

    BackendServer at(int slot) {
        return slots[slot];
    }

    /** The server of an unsigned 32-bit hash. */
    BackendServer forHash(int hash) {
        return slots[(int) Long.remainderUnsigned(hash & 0xffffffffL, slots.length)];
    }

    /** Greatest common divisor of the non-zero weights (1 when there is none). */
    static int divisor(List<BackendServer> servers) {
        int g = 0;
        for (BackendServer s : servers) {
            int w = s.weight();
            if (w == 0) {
                continue;
            }
            int a = g;
            int b = w;
            while (b != 0) {
                int t = a % b;
                a = b;
                b = t;
            }
            g = a;
        }
        return g == 0 ? 1 : g;
    }
}
