package dev.tandem.proxy.lb;

import dev.tandem.config.haproxy.model.HashType;
import java.util.OptionalInt;

/**
 * The hash algorithms (source, uri, url_param, hdr, hash): the key's 32-bit hash chooses the
 * server through the weight map ({@code hash-type map-based}: {@code hash % total weight}) or the
 * consistent ring ({@code hash-type consistent}); the key's hash already went through the
 * configured function and modifier ({@link KeyHash}). When the key is missing from the request the
 * request is balanced round robin over the same table (backend.c assign_server). A chosen
 * server at its maxconn does not move the key: the request waits in that server's queue.
 */
final class HashBalancer extends AbstractBalancer {

    private final HashType hashType;
    private final HashKey hashKey;
    private final int divisor;
    private long builtFor = -1;
    private WeightMap map;
    private ConsistentRing ring;
    private int rrNext;

    HashBalancer(BackendState state, HashType hashType, HashKey hashKey) {
        super(state);
        this.hashType = hashType;
        this.hashKey = hashKey;
        this.divisor = WeightMap.divisor(state.servers());
    }

    @Override
    public synchronized Pick pick(RequestKey key) {
        BackendState.Candidates candidates = state.candidates();
        if (candidates.isEmpty()) {
            return Pick.NO_SERVER;
        }
        if (builtFor != candidates.version()) {
            if (hashType == HashType.CONSISTENT) {
                ring = ConsistentRing.over(state, candidates);
                map = null;
            } else {
                map = WeightMap.over(state, candidates, divisor);
                ring = null;
            }
            builtFor = candidates.version();
            rrNext = 0;
        }
        int size = ring != null ? ring.size() : map.size();
        if (size == 0) {
            return Pick.NO_SERVER;
        }
        BackendServer avoid = key.avoid().orElse(null);
        OptionalInt hash = hashKey.hash(key);
        if (hash.isPresent()) {
            // lb_map ignores the server to avoid; the ring steps past it (lb_chash.c)
            BackendServer s = ring != null
                    ? ring.lookup(hash.getAsInt(), avoid)
                    : map.forHash(hash.getAsInt());
            return state.isSaturated(s) ? new Pick.QueueOnServer(s) : assign(s);
        }
        int fallback = -1;
        for (int step = 0; step < size; step++) {
            int slot = (rrNext + step) % size;
            BackendServer s = ring != null ? ring.at(slot) : map.at(slot);
            if (state.isSaturated(s)) {
                continue;
            }
            if (s.equals(avoid)) {
                fallback = fallback < 0 ? slot : fallback;
                continue;
            }
            rrNext = (slot + 1) % size;
            return assign(s);
        }
        if (fallback >= 0) {
            rrNext = (fallback + 1) % size;
            return assign(ring != null ? ring.at(fallback) : map.at(fallback));
        }
        return Pick.QUEUE_ON_BACKEND;
    }
}
