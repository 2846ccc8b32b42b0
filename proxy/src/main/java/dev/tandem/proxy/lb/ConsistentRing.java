package dev.tandem.proxy.lb;

import java.util.Arrays;
import java.util.List;

/**
 * The consistent-hash ring of {@code hash-type consistent} (configuration.txt "hash-type";
 * lb_chash.c): each server owns {@code weight * 16} points placed at
 * {@code avalanche(id * 4096 + n)}, so a server keeps its points when others come and go, and
 * a key goes to the point nearest to its hash, on either side.
 */
final class ConsistentRing {

    /** Points per unit of weight (haproxy's BE_WEIGHT_SCALE). */
    static final int POINTS_PER_WEIGHT = 16;
    /** Distance between two servers' point numbering (SRV_EWGHT_RANGE = 256 * 16). */
    private static final int ID_SPACING = BackendServer.MAX_WEIGHT * POINTS_PER_WEIGHT;

    private final long[] keys; // unsigned point positions, sorted
    private final BackendServer[] owners;

    private ConsistentRing(long[] keys, BackendServer[] owners) {
        this.keys = keys;
        this.owners = owners;
    }

    static ConsistentRing build(List<BackendServer> servers, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w * POINTS_PER_WEIGHT;
        }
        long[] packed = new long[total];
        BackendServer[] byIndex = new BackendServer[total];
        int n = 0;
        for (int i = 0; i < servers.size(); i++) {
            BackendServer s = servers.get(i);
            for (int p = 0; p < weights[i] * POINTS_PER_WEIGHT; p++) {
                byIndex[n] = s;
                long position = KeyHash.avalanche(s.id() * ID_SPACING + p) & 0xffffffffL;
                packed[n] = (position << 31) | n; // position first, then insertion order on equal positions
                n++;
            }
        }
        Arrays.sort(packed);
        long[] keys = new long[total];
        BackendServer[] owners = new BackendServer[total];
        for (int i = 0; i < total; i++) {
            keys[i] = packed[i] >>> 31;
            owners[i] = byIndex[(int) (packed[i] & 0x7fffffffL)];
        }
        return new ConsistentRing(keys, owners);
    }

    /** The ring over the balancer's current candidates with their effective weights. */
    static ConsistentRing over(BackendState state, BackendState.Candidates candidates) {
        return build(candidates.servers(), WeightMap.weights(state, candidates.servers(), 1));
    }

    boolean isEmpty() {
        return keys.length == 0;
    }

    int size() {
        return keys.length;
    }

    BackendServer at(int point) {
        return owners[point];
    }

    /**
     * The owner of the point nearest to {@code hash} (the earlier one on a tie), skipping forward
     * past {@code avoid} when it lands there (chash_get_server_hash).
     */
    BackendServer lookup(int hash, BackendServer avoid) {
        long h = hash & 0xffffffffL;
        int next = Arrays.binarySearch(keys, h);
        if (next < 0) {
            next = -next - 1;
        } else {
            while (next > 0 && keys[next - 1] == h) {
                next--;
            }
        }
        if (next == keys.length) {
            next = 0;
        }
        int prev = next == 0 ? keys.length - 1 : next - 1;
        long dp = (h - keys[prev]) & 0xffffffffL;
        long dn = (keys[next] - h) & 0xffffffffL;
        int chosen = dp <= dn ? prev : next;
        if (avoid != null) {
            for (int step = 0; step < keys.length && owners[chosen].equals(avoid); step++) {
                chosen = (chosen + 1) % keys.length;
            }
        }
        return owners[chosen];
    }
}
