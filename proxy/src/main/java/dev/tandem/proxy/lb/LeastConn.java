package dev.tandem.proxy.lb;

import java.util.List;

/**
 * {@code balance leastconn}: the server with the fewest connections (sessions plus queued) per
 * unit of weight (lb_fwlc.c). Equal loads are served in turn: the search starts after the
 * server picked last, so ties rotate instead of always landing on the first server.
 */
final class LeastConn extends AbstractBalancer {

    private static final long SCALE = BackendServer.MAX_WEIGHT * (long) ConsistentRing.POINTS_PER_WEIGHT;

    private int lastPicked = -1;
    private long builtFor = -1;

    LeastConn(BackendState state) {
        super(state);
    }

    @Override
    public synchronized Pick pick(RequestKey key) {
        BackendState.Candidates candidates = state.candidates();
        if (candidates.isEmpty()) {
            return Pick.NO_SERVER;
        }
        if (builtFor != candidates.version()) {
            lastPicked = -1;
            builtFor = candidates.version();
        }
        List<BackendServer> servers = candidates.servers();
        BackendServer avoid = key.avoid().orElse(null);
        int chosen = choose(servers, avoid);
        if (chosen < 0 && avoid != null) {
            chosen = choose(servers, null);
        }
        if (chosen < 0) {
            return Pick.QUEUE_ON_BACKEND;
        }
        lastPicked = chosen;
        return assign(servers.get(chosen));
    }

    private int choose(List<BackendServer> servers, BackendServer avoid) {
        int best = -1;
        long bestLoad = Long.MAX_VALUE;
        for (int step = 1; step <= servers.size(); step++) {
            int i = Math.floorMod(lastPicked + step, servers.size());
            BackendServer s = servers.get(i);
            int weight = state.effectiveWeight(s);
            if (s.equals(avoid) || weight == 0 || state.isSaturated(s)) {
                continue;
            }
            long load = load(s, weight);
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        return best;
    }

    /** An idle server sorts first whatever its weight; others by (inflight + 1) / weight. */
    private long load(BackendServer s, int weight) {
        long inflight = state.sessions(s) + (long) state.queueLength(s);
        return inflight == 0 ? 0 : (inflight + 1) * SCALE / (weight * (long) ConsistentRing.POINTS_PER_WEIGHT);
    }
}
