package dev.tandem.proxy.lb;

import java.util.random.RandomGenerator;

/**
 * {@code balance random[(draws)]}: draws random points on the consistent ring and keeps the
 * least loaded server among them, load being sessions per unit of weight ("power of two
 * choices" with the default 2 draws; backend.c get_server_rnd). If the winner is at its maxconn
 * the request waits in the backend queue.
 */
final class RandomDraws extends AbstractBalancer {

    private final int draws;
    private final RandomGenerator random;
    private long builtFor = -1;
    private ConsistentRing ring;

    RandomDraws(BackendState state, int draws, RandomGenerator random) {
        super(state);
        this.draws = Math.max(1, draws);
        this.random = random;
    }

    @Override
    public synchronized Pick pick(RequestKey key) {
        BackendState.Candidates candidates = state.candidates();
        if (candidates.isEmpty()) {
            return Pick.NO_SERVER;
        }
        if (builtFor != candidates.version()) {
            ring = ConsistentRing.over(state, candidates);
            builtFor = candidates.version();
        }
        if (ring.isEmpty()) {
            return Pick.NO_SERVER;
        }
        BackendServer avoid = key.avoid().orElse(null);
        BackendServer best = null;
        for (int d = 0; d < draws; d++) {
            BackendServer drawn = ring.lookup(random.nextInt(), avoid);
            if (best == null || lighter(drawn, best)) {
                best = drawn;
            }
        }
        return state.isSaturated(best) ? Pick.QUEUE_ON_BACKEND : assign(best);
    }

    private boolean lighter(BackendServer a, BackendServer b) {
        return (long) state.sessions(a) * state.effectiveWeight(b) < (long) state.sessions(b) * state.effectiveWeight(a);
    }
}
