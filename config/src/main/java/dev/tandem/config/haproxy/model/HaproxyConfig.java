package dev.tandem.config.haproxy.model;

import java.util.List;
import java.util.Optional;

/**
 * The whole haproxy.cfg after one validation pass. Defaults are already applied to every proxy, so
 * the runtime never needs to know about {@code defaults} sections.
 *
 * @param proxies frontends, backends and listens in file order; a listen has both capabilities
 */
public record HaproxyConfig(Global global, List<Proxy> proxies, List<Userlist> userlists,
        List<Peers> peers, List<Resolvers> resolvers, List<HttpErrors> httpErrors) {

    public HaproxyConfig {
        proxies = List.copyOf(proxies);
        userlists = List.copyOf(userlists);
        peers = List.copyOf(peers);
        resolvers = List.copyOf(resolvers);
        httpErrors = List.copyOf(httpErrors);
    }

    /** Proxies that accept connections: frontends and listens. */
    public List<Proxy> frontends() {
        return proxies.stream().filter(Proxy::isFrontend).toList();
    }

    /** Proxies that hold servers: backends and listens. */
    public List<Proxy> backends() {
        return proxies.stream().filter(Proxy::isBackend).toList();
    }

    public Optional<Proxy> backend(String name) {
        return proxies.stream().filter(p -> p.isBackend() && p.name().equals(name)).findFirst();
    }
}
