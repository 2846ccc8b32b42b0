package dev.tandem.proxy.lb;

import java.util.ArrayList;
import java.util.List;

/** Test fixtures: backends built by hand. */
final class Servers {

    private Servers() {}

    /** Active servers named by {@code names}, weights in the same order. */
    static List<BackendServer> weighted(String[] names, int... weights) {
        List<BackendServer> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            out.add(BackendServer.of(i, names[i], weights[i]));
        }
        return out;
    }

    static List<BackendServer> equal(String... names) {
        int[] w = new int[names.length];
        java.util.Arrays.fill(w, 1);
        return weighted(names, w);
    }

    static BackendState state(List<BackendServer> servers) {
        return new BackendState("be", servers, false, 0);
    }

    static String pickName(Balancer balancer, RequestKey key) {
        Pick p = balancer.pick(key);
        if (p instanceof Pick.Assigned(BackendServer s)) {
            balancer.release(s);
            return s.name();
        }
        return p.toString();
    }
}
