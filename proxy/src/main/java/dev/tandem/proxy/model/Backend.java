package dev.tandem.proxy.model;

import dev.tandem.proxy.rules.HttpRule;
import java.util.List;

/** A backend (or the backend half of a "listen"). */
public record Backend(String name, Mode mode, List<Server> servers, Timeouts timeouts, ConnectionMode connectionMode,
        ForwardFor forwardFor, boolean originalTo, int retries, List<HttpRule> requestRules,
        List<HttpRule> responseRules) {

    public Backend {
        servers = List.copyOf(servers);
        requestRules = List.copyOf(requestRules);
        responseRules = List.copyOf(responseRules);
    }

    /** Defaults as haproxy has them: keep-alive, retries 3. */
    public static Backend of(String name, Mode mode, List<Server> servers, Timeouts timeouts) {
        return new Backend(name, mode, servers, timeouts, ConnectionMode.KEEP_ALIVE, null, false, 3, List.of(),
                List.of());
    }

    public Backend withConnectionMode(ConnectionMode m) {
        return new Backend(name, mode, servers, timeouts, m, forwardFor, originalTo, retries, requestRules,
                responseRules);
    }

    public Backend withRetries(int r) {
        return new Backend(name, mode, servers, timeouts, connectionMode, forwardFor, originalTo, r, requestRules,
                responseRules);
    }

    public Backend withRules(List<HttpRule> request, List<HttpRule> response) {
        return new Backend(name, mode, servers, timeouts, connectionMode, forwardFor, originalTo, retries, request,
                response);
    }
}
