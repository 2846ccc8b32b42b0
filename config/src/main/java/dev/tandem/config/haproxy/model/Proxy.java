package dev.tandem.config.haproxy.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A frontend, backend or listen with its defaults section already applied. Settings that only
 * matter to one side are still present on the other (haproxy ignores them there, so do we).
 *
 * @param maxconn frontend connection limit; empty = haproxy's default
 * @param retries connection retries to a server (default 3)
 * @param defaultBackend the backend when no use_backend rule matches; empty for backends
 * @param errorFiles custom error responses by status, own errorfile lines and errorfiles sections merged
 * @param hashFunction the function and modifier of {@code hash-type} (hashType is its method)
 */
public record Proxy(
        String name,
        ProxyKind kind,
        Mode mode,
        Origin origin,
        List<Bind> binds,
        Timeouts timeouts,
        OptionalInt maxconn,
        ProxyLog log,
        Optional<ForwardFor> forwardFor,
        Optional<OriginalTo> originalTo,
        ConnectionMode connectionMode,
        ProxyOptions options,
        int retries,
        List<String> retryOn,
        Balance balance,
        HashType hashType,
        HttpReuse httpReuse,
        Optional<HealthCheck> healthCheck,
        List<Server> servers,
        List<Acl> acls,
        List<HttpRule> httpRequestRules,
        List<HttpRule> httpResponseRules,
        List<HttpRule> redirectRules,
        List<UseBackend> useBackends,
        Optional<String> defaultBackend,
        Map<Integer, ErrorFile> errorFiles,
        List<Capture> captures,
        Optional<LogFormat> uniqueIdFormat,
        Optional<Stats> stats,
        HashFunction hashFunction) {

    public Proxy {
        binds = List.copyOf(binds);
        retryOn = List.copyOf(retryOn);
        servers = List.copyOf(servers);
        acls = List.copyOf(acls);
        httpRequestRules = List.copyOf(httpRequestRules);
        httpResponseRules = List.copyOf(httpResponseRules);
        redirectRules = List.copyOf(redirectRules);
        useBackends = List.copyOf(useBackends);
        errorFiles = Map.copyOf(errorFiles);
        captures = List.copyOf(captures);
    }

    /** The components before {@code hashFunction} existed; the function is the one hashType implies. */
    public Proxy(String name, ProxyKind kind, Mode mode, Origin origin, List<Bind> binds, Timeouts timeouts,
            OptionalInt maxconn, ProxyLog log, Optional<ForwardFor> forwardFor, Optional<OriginalTo> originalTo,
            ConnectionMode connectionMode, ProxyOptions options, int retries, List<String> retryOn, Balance balance,
            HashType hashType, HttpReuse httpReuse, Optional<HealthCheck> healthCheck, List<Server> servers,
            List<Acl> acls, List<HttpRule> httpRequestRules, List<HttpRule> httpResponseRules,
            List<HttpRule> redirectRules, List<UseBackend> useBackends, Optional<String> defaultBackend,
            Map<Integer, ErrorFile> errorFiles, List<Capture> captures, Optional<LogFormat> uniqueIdFormat,
            Optional<Stats> stats) {
        this(name, kind, mode, origin, binds, timeouts, maxconn, log, forwardFor, originalTo, connectionMode, options,
                retries, retryOn, balance, hashType, httpReuse, healthCheck, servers, acls, httpRequestRules,
                httpResponseRules, redirectRules, useBackends, defaultBackend, errorFiles, captures, uniqueIdFormat, stats,
                HashFunction.implied(hashType));
    }

    public boolean isFrontend() {
        return kind.isFrontend();
    }

    public boolean isBackend() {
        return kind.isBackend();
    }

    public Optional<Server> server(String serverName) {
        return servers.stream().filter(s -> s.name().equals(serverName)).findFirst();
    }

    public Optional<Acl> acl(String aclName) {
        return acls.stream().filter(a -> a.name().equals(aclName)).findFirst();
    }
}
