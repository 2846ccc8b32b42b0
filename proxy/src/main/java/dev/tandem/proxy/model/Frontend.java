package dev.tandem.proxy.model;

import dev.tandem.proxy.rules.BackendSwitch;
import dev.tandem.proxy.rules.HttpRule;
import java.util.List;
import java.util.Map;

/**
 * A frontend (or the frontend half of a "listen"). {@code errorFiles} maps a status to the raw
 * HTTP response read at start-up ("errorfile"); an empty array means close silently.
 */
public record Frontend(String name, Mode mode, List<Bind> binds, Timeouts timeouts, ConnectionMode connectionMode,
        ForwardFor forwardFor, boolean originalTo, Logging logging, List<HttpRule> requestRules,
        List<HttpRule> responseRules, List<BackendSwitch> useBackends, String defaultBackend, int maxconn,
        Map<Integer, byte[]> errorFiles) {

    public Frontend {
        binds = numbered(binds);
        requestRules = List.copyOf(requestRules);
        responseRules = List.copyOf(responseRules);
        useBackends = List.copyOf(useBackends);
        errorFiles = Map.copyOf(errorFiles);
    }

    /**
     * Every bind with its listener id: the one written, else the first number from 1 no bind has
     * taken, in bind order (haproxy's cfgparse.c, "listener ID are automatically assigned").
     */
    private static List<Bind> numbered(List<Bind> binds) {
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        binds.forEach(b -> taken.add(b.id()));
        List<Bind> out = new java.util.ArrayList<>(binds.size());
        int next = 1;
        for (Bind b : binds) {
            if (b.id() > 0) {
                out.add(b);
                continue;
            }
            while (taken.contains(next)) {
                next++;
            }
            out.add(b.withId(next));
            next++;
        }
        return List.copyOf(out);
    }

    public static Frontend of(String name, Mode mode, List<Bind> binds, Timeouts timeouts, String defaultBackend) {
        return new Frontend(name, mode, binds, timeouts, ConnectionMode.KEEP_ALIVE, null, false, Logging.NONE,
                List.of(), List.of(), List.of(), defaultBackend, 0, Map.of());
    }

    public Frontend withConnectionMode(ConnectionMode m) {
        return new Frontend(name, mode, binds, timeouts, m, forwardFor, originalTo, logging, requestRules,
                responseRules, useBackends, defaultBackend, maxconn, errorFiles);
    }

    public Frontend withForwardFor(ForwardFor f, boolean origTo) {
        return new Frontend(name, mode, binds, timeouts, connectionMode, f, origTo, logging, requestRules,
                responseRules, useBackends, defaultBackend, maxconn, errorFiles);
    }

    public Frontend withLogging(Logging l) {
        return new Frontend(name, mode, binds, timeouts, connectionMode, forwardFor, originalTo, l, requestRules,
                responseRules, useBackends, defaultBackend, maxconn, errorFiles);
    }

    public Frontend withRules(List<HttpRule> request, List<HttpRule> response) {
        return new Frontend(name, mode, binds, timeouts, connectionMode, forwardFor, originalTo, logging, request,
                response, useBackends, defaultBackend, maxconn, errorFiles);
    }

    public Frontend withUseBackends(List<BackendSwitch> switches) {
        return new Frontend(name, mode, binds, timeouts, connectionMode, forwardFor, originalTo, logging,
                requestRules, responseRules, switches, defaultBackend, maxconn, errorFiles);
    }

    public Frontend withMaxconn(int m) {
        return new Frontend(name, mode, binds, timeouts, connectionMode, forwardFor, originalTo, logging,
                requestRules, responseRules, useBackends, defaultBackend, m, errorFiles);
    }

    public Frontend withErrorFiles(Map<Integer, byte[]> files) {
        return new Frontend(name, mode, binds, timeouts, connectionMode, forwardFor, originalTo, logging,
                requestRules, responseRules, useBackends, defaultBackend, maxconn, files);
    }
}
