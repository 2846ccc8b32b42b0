package dev.tandem.proxy.lb;

/**
 * {@code balance static-rr}: walks haproxy's weight map in order (lb_map.c). The map is rebuilt
 * when servers come and go; servers at their maxconn are skipped. haproxy refuses runtime weight
 * changes other than 0% and 100% for this algorithm; the runtime API must do the same.
 */
final class StaticRoundRobin extends AbstractBalancer {

    private final int divisor;
    private long builtFor = -1;
    private WeightMap map;
    private int next;

    StaticRoundRobin(BackendState state) {
        super(state);
        this.divisor = WeightMap.divisor(state.servers());
    }

    @Override
    public synchronized Pick pick(RequestKey key) {
        BackendState.Candidates candidates = state.candidates();
        if (candidates.isEmpty()) {
            return Pick.NO_SERVER;
        }
        if (builtFor != candidates.version()) {
            map = WeightMap.over(state, candidates, divisor);
            builtFor = candidates.version();
            // lb_map.c keeps its index across rebuilds unless it falls off the new map
            if (next >= map.size()) {
                next = 0;
            }
        }
        if (map.size() == 0) {
            return Pick.NO_SERVER;
        }
        BackendServer avoid = key.avoid().orElse(null);
        int fallback = -1;
        for (int step = 0; step < map.size(); step++) {
            int slot = (next + step) % map.size();
            BackendServer s = map.at(slot);
            if (state.isSaturated(s)) {
                continue;
            }
            if (s.equals(avoid)) {
                if (fallback < 0) {
                    fallback = slot;
                }
                continue;
            }
            next = (slot + 1) % map.size();
            return assign(s);
        }
        if (fallback >= 0) {
            next = (fallback + 1) % map.size();
            return assign(map.at(fallback));
        }
        return Pick.QUEUE_ON_BACKEND;
    }
}
