package dev.tandem.proxy.model;

import dev.tandem.config.haproxy.model.SslDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the data plane runs: frontends and the backends they may reach, by name.
 *
 * @param spreadChecks global {@code spread-checks}, 0..50 percent
 * @param maxSpreadChecks global {@code max-spread-checks}, {@link Duration#ZERO} when unset
 * @param sslDefaults the global {@code ssl-default-bind-*} lines every {@code ssl} bind starts from
 */
public record ProxyModel(List<Frontend> frontends, Map<String, Backend> backends, int maxconn, int spreadChecks,
        Duration maxSpreadChecks, SslDefaults sslDefaults) {

    public ProxyModel {
        frontends = List.copyOf(frontends);
        backends = Map.copyOf(backends);
    }

    public ProxyModel(List<Frontend> frontends, Map<String, Backend> backends, int maxconn) {
        this(frontends, backends, maxconn, 0, Duration.ZERO, SslDefaults.NONE);
    }

    public static ProxyModel of(List<Frontend> frontends, List<Backend> backends) {
        Map<String, Backend> byName = new java.util.LinkedHashMap<>();
        for (Backend b : backends) {
            byName.put(b.name(), b);
        }
        return new ProxyModel(frontends, byName, 0);
    }
}
