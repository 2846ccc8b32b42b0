package dev.tandem.proxy.check;

import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.ProxyKind;
import dev.tandem.config.haproxy.model.Server;
import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.lb.BalancedBackend;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the check runner needs for one backend of the sealed config: which servers are checked
 * and how often, what each check sends and how its answer is judged, and the {@link BackendHealth}
 * that turns results into server state and log lines.
 */
public final class BackendChecks {

    /** How this backend's servers are checked. */
    public enum Protocol {
        /** A TCP connect only (a {@code check} without option httpchk or tcp-check). */
        CONNECT,
        HTTP,
        TCP_SCRIPT
    }

    private final Protocol protocol;
    private final Map<BackendServer, Server.ServerCheck> serverChecks;
    private final BackendHealth health;
    private final Optional<HttpCheckRequest> httpRequest;
    private final Optional<HttpCheckExpect> httpExpect;
    private final List<CheckRule> tcpRules;
    private final Optional<Duration> checkTimeout;

    private BackendChecks(Protocol protocol, Map<BackendServer, Server.ServerCheck> serverChecks, BackendHealth health,
            Optional<HttpCheckRequest> httpRequest, Optional<HttpCheckExpect> httpExpect, List<CheckRule> tcpRules,
            Optional<Duration> checkTimeout) {
        this.protocol = protocol;
        this.serverChecks = Map.copyOf(serverChecks);
        this.health = health;
        this.httpRequest = httpRequest;
        this.httpExpect = httpExpect;
        this.tcpRules = List.copyOf(tcpRules);
        this.checkTimeout = checkTimeout;
    }

    /**
     * The checks of a backend as its config says: {@code option log-health-checks},
     * {@code http-check disable-on-404}, and each server's {@code observe}/{@code on-error}/
     * {@code error-limit}.
     *
     * @throws IllegalArgumentException for a check form this core does not support
     */
    public static BackendChecks of(Proxy backend, BalancedBackend<?> lb) {
        return of(backend, lb, false);
    }

    /**
     * @param logHealthChecks log every health change even without {@code option log-health-checks}
     * @throws IllegalArgumentException for a check form this core does not support
     */
    public static BackendChecks of(Proxy backend, BalancedBackend<?> lb, boolean logHealthChecks) {
        boolean logAll = logHealthChecks || backend.options().logHealthChecks();
        Map<BackendServer, Server.ServerCheck> checks = new HashMap<>();
        Map<BackendServer, CheckSettings> settings = new HashMap<>();
        Map<BackendServer, TrafficObserver> observers = new HashMap<>();
        List<BackendServer> servers = lb.state().servers();
        for (int i = 0; i < servers.size(); i++) {
            Server.ServerCheck c = backend.servers().get(i).check();
            if (c.enabled()) {
                checks.put(servers.get(i), c);
                settings.put(servers.get(i), CheckSettings.of(c));
                observers.put(servers.get(i), TrafficObserver.of(c));
            }
        }
        StateChangeLog log = backend.kind() == ProxyKind.LISTEN ? StateChangeLog.forListen(backend.name())
                : StateChangeLog.forBackend(backend.name());
        BackendHealth health = new BackendHealth(lb.state(), lb.queues(), log, settings, observers, logAll,
                backend.options().redispatch());
        Optional<HealthCheck> hc = backend.healthCheck();
        if (hc.isPresent() && hc.get().kind() == HealthCheck.Kind.HTTP) {
            return new BackendChecks(Protocol.HTTP, checks, health, Optional.of(HttpCheckRequest.of(hc.get())),
                    Optional.of(HttpCheckExpect.of(hc.get(), backend.options().disableOn404())), List.of(),
                    backend.timeouts().check());
        }
        if (hc.isPresent() && !hc.get().rules().isEmpty()) {
            return new BackendChecks(Protocol.TCP_SCRIPT, checks, health, Optional.empty(), Optional.empty(),
                    hc.get().rules(), backend.timeouts().check());
        }
        return new BackendChecks(Protocol.CONNECT, checks, health, Optional.empty(), Optional.empty(), List.of(),
                backend.timeouts().check());
    }

    public Protocol protocol() {
        return protocol;
    }

    public BackendHealth health() {
        return health;
    }

    /** The servers with {@code check}, with their check line settings (port, addr, ssl...). */
    public Map<BackendServer, Server.ServerCheck> serverChecks() {
        return serverChecks;
    }

    /**
     * {@code on-marked-down shutdown-sessions} (configuration.txt §5.2): when {@code s} goes DOWN
     * the data plane closes its established sessions at once instead of letting them finish.
     */
    public boolean shutdownSessionsWhenDown(BackendServer s) {
        Server.ServerCheck c = serverChecks.get(s);
        return c != null && c.shutdownSessionsOnDown();
    }

    /**
     * {@code on-marked-up shutdown-backup-sessions} (configuration.txt §5.2): when {@code s} comes
     * UP the data plane closes the sessions of the backend's backup servers.
     */
    public boolean shutdownBackupSessionsWhenUp(BackendServer s) {
        Server.ServerCheck c = serverChecks.get(s);
        return c != null && c.shutdownBackupSessionsOnUp();
    }

    /** The bytes of the HTTP check request, for {@link Protocol#HTTP}. */
    public Optional<byte[]> httpRequestBytes() {
        return httpRequest.map(HttpCheckRequest::encode);
    }

    public Optional<HttpCheckExpect> httpExpect() {
        return httpExpect;
    }

    /** A fresh script run for one check, for {@link Protocol#CONNECT} and {@link Protocol#TCP_SCRIPT}. */
    public TcpCheckRun newTcpRun() {
        return new TcpCheckRun(tcpRules);
    }

    /** {@code timeout check}; when unset haproxy bounds a check by {@code inter}. */
    public Optional<Duration> checkTimeout() {
        return checkTimeout;
    }
}
