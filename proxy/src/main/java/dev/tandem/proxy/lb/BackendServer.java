package dev.tandem.proxy.lb;

import dev.tandem.config.haproxy.model.Server;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed identity of one server of a backend; everything that changes at runtime lives in
 * {@link BackendState}.
 *
 * @param id haproxy's server id ("puid"): 1-based position in declaration order
 * @param index 0-based position, the slot of this server in {@link BackendState}
 * @param weight the configured weight 0..256
 * @param maxconn 0 when unlimited
 * @param maxqueue 0 when unlimited
 */
public record BackendServer(int id, int index, String name, boolean backup, int weight, int maxconn, int maxqueue) {

    public static final int MAX_WEIGHT = 256;

    public BackendServer {
        if (id != index + 1) {
            throw new IllegalArgumentException("server id must be index + 1, got id " + id + " index " + index);
        }
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight of server " + name + " must be 0..256, got " + weight);
        }
        if (maxconn < 0 || maxqueue < 0) {
            throw new IllegalArgumentException("maxconn and maxqueue of server " + name + " must not be negative");
        }
    }

    public static BackendServer of(int index, String name, int weight) {
        return new BackendServer(index + 1, index, name, false, weight, 0, 0);
    }

    public BackendServer asBackup() {
        return new BackendServer(id, index, name, true, weight, maxconn, maxqueue);
    }

    public BackendServer withMaxconn(int limit) {
        return new BackendServer(id, index, name, backup, weight, limit, maxqueue);
    }

    public BackendServer withMaxqueue(int limit) {
        return new BackendServer(id, index, name, backup, weight, maxconn, limit);
    }

    /** The servers of one backend from the sealed config model, ids in declaration order. */
    public static List<BackendServer> fromModel(List<Server> servers) {
        List<BackendServer> out = new ArrayList<>(servers.size());
        for (int i = 0; i < servers.size(); i++) {
            Server s = servers.get(i);
            out.add(new BackendServer(i + 1, i, s.name(), s.backup(), s.weight(), s.maxconn().orElse(0),
                    s.maxqueue().orElse(0)));
        }
        return List.copyOf(out);
    }
}
