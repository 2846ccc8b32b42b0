package dev.tandem.proxy.model;

import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.proxy.rules.HttpRule;
import java.util.List;
import java.util.Optional;

/**
 * A backend (or the backend half of a "listen"). {@code servers} lists every server line in
 * declaration order, backup and disabled ones included, so a server's index is its slot in the
 * balancer's state.
 *
 * @param logging where the backend's own messages (server state changes) go; its format is unused
 * @param section the sealed config section this backend was compiled from: the balancer, the
 *     health checks and the retry policy read it. Null for a backend built in code (tests,
 *     tools), which balances round robin without checks.
 */
public record Backend(String name, Mode mode, List<Server> servers, Timeouts timeouts, ConnectionMode connectionMode,
        ForwardFor forwardFor, boolean originalTo, int retries, List<HttpRule> requestRules,
        List<HttpRule> responseRules, Logging logging, Proxy section) {

    public Backend {
        servers = List.copyOf(servers);
        requestRules = List.copyOf(requestRules);
        responseRules = List.copyOf(responseRules);
    }

    /**
     * Whether this backend is the backend half of the listen section {@code f} is the frontend half
     * of: then the section's http-request and http-response rules run once, as haproxy runs a
     * proxy's rule lists once per stream however many roles it plays. A listen's name is unique
     * among frontends and backends (haproxy refuses a listen beside a frontend or backend of the
     * same name), so name and section kind identify it.
     */
    public boolean isHalfOf(Frontend f) {
        return section != null && section.isFrontend() && name.equals(f.name());
    }

    /** A backend built in code: no log targets, no config section. */
    public Backend(String name, Mode mode, List<Server> servers, Timeouts timeouts, ConnectionMode connectionMode,
            ForwardFor forwardFor, boolean originalTo, int retries, List<HttpRule> requestRules,
            List<HttpRule> responseRules) {
        this(name, mode, servers, timeouts, connectionMode, forwardFor, originalTo, retries, requestRules, responseRules,
                Logging.NONE, null);
    }

    /** Defaults as haproxy has them: keep-alive, retries 3. */
    public static Backend of(String name, Mode mode, List<Server> servers, Timeouts timeouts) {
        return new Backend(name, mode, servers, timeouts, ConnectionMode.KEEP_ALIVE, null, false, 3, List.of(),
                List.of());
    }

    /** The config section, when this backend came from a haproxy.cfg. */
    public Optional<Proxy> config() {
        return Optional.ofNullable(section);
    }

    public Backend withConnectionMode(ConnectionMode m) {
        return new Backend(name, mode, servers, timeouts, m, forwardFor, originalTo, retries, requestRules,
                responseRules, logging, section);
    }

    public Backend withRetries(int r) {
        return new Backend(name, mode, servers, timeouts, connectionMode, forwardFor, originalTo, r, requestRules,
                responseRules, logging, section);
    }

    public Backend withRules(List<HttpRule> request, List<HttpRule> response) {
        return new Backend(name, mode, servers, timeouts, connectionMode, forwardFor, originalTo, retries, request,
                response, logging, section);
    }

    public Backend withLogging(Logging l) {
        return new Backend(name, mode, servers, timeouts, connectionMode, forwardFor, originalTo, retries, requestRules,
                responseRules, l, section);
    }
}
