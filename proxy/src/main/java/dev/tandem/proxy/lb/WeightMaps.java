package dev.tandem.proxy.lb;

import java.util.List;

/** Builds maps and rings over the current candidates with their effective weights. */
final class WeightMaps {

    private WeightMaps() {}

    /** Weights divided by the backend's divisor, rounded up so a small weight never vanishes. */
    static int[] weights(BackendState state, List<BackendServer> servers, int divisor) {
        int[] w = new int[servers.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (state.effectiveWeight(servers.get(i)) + divisor - 1) / divisor;
        }
        return w;
    }

    static WeightMap of(BackendState state, BackendState.Candidates candidates, int divisor) {
        return WeightMap.build(candidates.servers(), weights(state, candidates.servers(), divisor));
    }

    static ConsistentRing ring(BackendState state, BackendState.Candidates candidates) {
        return ConsistentRing.build(candidates.servers(), weights(state, candidates.servers(), 1));
    }
}
