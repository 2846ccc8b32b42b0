package dev.tandem.proxy.lb;

import java.util.List;

/**
 * {@code balance roundrobin}: weighted, smooth, and dynamic (weight changes apply at once).
 * Each pick adds every eligible server's weight to its credit and takes the server with the most
 * credit, which then pays the total weight; over each cycle of {@code sum(weights)} picks every
 * server is chosen exactly {@code weight} times, spread out rather than in bursts. Servers at
 * their maxconn sit the round out.
 */
final class RoundRobin extends AbstractBalancer {

    private long builtFor = -1;
    private List<BackendServer> servers = List.of();
    private long[] credit = new long[0];

    RoundRobin(BackendState state) {
        super(state);
    }

    @Override
    public synchronized Pick pick(RequestKey key) {
        BackendState.Candidates candidates = state.candidates();
        if (candidates.isEmpty()) {
            return Pick.NO_SERVER;
        }
        if (builtFor != candidates.version()) {
            servers = candidates.servers();
            credit = new long[servers.size()];
            builtFor = candidates.version();
        }
        BackendServer avoid = key.avoid().orElse(null);
        int chosen = choose(avoid);
        if (chosen < 0 && avoid != null) {
            chosen = choose(null);
        }
        return chosen < 0 ? Pick.QUEUE_ON_BACKEND : assign(servers.get(chosen));
    }

    private int choose(BackendServer avoid) {
        long total = 0;
        int best = -1;
        for (int i = 0; i < servers.size(); i++) {
            BackendServer s = servers.get(i);
            if (s.equals(avoid) || state.isSaturated(s)) {
                continue;
            }
            int w = state.effectiveWeight(s);
            credit[i] += w;
            total += w;
            if (best < 0 || credit[i] > credit[best]) {
                best = i;
            }
        }
        if (best >= 0) {
            credit[best] -= total;
        }
        return best;
    }
}
