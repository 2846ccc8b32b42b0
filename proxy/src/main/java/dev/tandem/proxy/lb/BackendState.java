package dev.tandem.proxy.lb;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The state of every server of one backend, in one place: health as the checks see it, the
 * operator's admin state (READY/DRAIN/MAINT), configured and current weight, sessions, queue
 * lengths and the last check result.
 *
 * <p>Concurrency design. Rarely changing facts (health, admin state, weight, last check) of a
 * server are one immutable {@code Facts} record in an atomic (volatile) slot; every change replaces the
 * record while holding this object's monitor, so there is exactly one writer at a time and a
 * change is never half-visible. Each change that affects balancing bumps {@link #version()};
 * balancers compare it to the version they were built for and rebuild their tables, so readers
 * never lock. Hot counters (sessions, queue lengths) are atomics updated by the event loops
 * without the monitor; a snapshot reads them individually, so across servers it is as fresh as a
 * stats page needs, not a transaction.
 */
public final class BackendState {

    private record Facts(boolean checksSayUp, AdminState admin, int weight, CheckSummary lastCheck,
            long lastChangeMillis) {}

    private final String name;
    private final List<BackendServer> servers;
    private final boolean allBackups;
    private final AtomicReferenceArray<Facts> facts;
    private final AtomicIntegerArray sessions;
    private final AtomicIntegerArray maxSessions;
    private final AtomicIntegerArray queued;
    private final AtomicInteger backendQueued = new AtomicInteger();
    private final AtomicLong version = new AtomicLong();
    private volatile Candidates candidates;

    /**
     * @param allBackups {@code option allbackups}: use every usable backup server, not only the first
     * @param nowMillis injected time, recorded as every server's last change
     */
    public BackendState(String name, List<BackendServer> servers, boolean allBackups, long nowMillis) {
        this.name = name;
        this.servers = List.copyOf(servers);
        this.allBackups = allBackups;
        for (int i = 0; i < this.servers.size(); i++) {
            if (this.servers.get(i).index() != i) {
                throw new IllegalArgumentException("server " + this.servers.get(i).name() + " is not at index " + i);
            }
        }
        this.facts = new AtomicReferenceArray<>(this.servers.size());
        for (BackendServer s : this.servers) {
            facts.set(s.index(), new Facts(true, AdminState.READY, s.weight(), CheckSummary.NO_CHECK, nowMillis));
        }
        this.sessions = new AtomicIntegerArray(this.servers.size());
        this.maxSessions = new AtomicIntegerArray(this.servers.size());
        this.queued = new AtomicIntegerArray(this.servers.size());
    }

    public String name() {
        return name;
    }

    public List<BackendServer> servers() {
        return servers;
    }

    public boolean allBackups() {
        return allBackups;
    }

    public Optional<BackendServer> server(String serverName) {
        return servers.stream().filter(s -> s.name().equals(serverName)).findFirst();
    }

    /** Bumped on every change that alters which servers are usable or their weights. */
    public long version() {
        return version.get();
    }

    // ---- reads ----

    private Facts facts(BackendServer s) {
        return facts.get(s.index());
    }

    /** Usable for new traffic: checks say UP, not in MAINT or DRAIN, weight above 0. */
    public boolean isUsable(BackendServer s) {
        Facts f = facts(s);
        return f.checksSayUp && f.admin == AdminState.READY && f.weight > 0;
    }

    /** The weight balancers use: the current weight when usable, else 0. */
    public int effectiveWeight(BackendServer s) {
        Facts f = facts(s);
        return f.checksSayUp && f.admin == AdminState.READY ? f.weight : 0;
    }

    public int sessions(BackendServer s) {
        return sessions.get(s.index());
    }

    public int queueLength(BackendServer s) {
        return queued.get(s.index());
    }

    public int backendQueueLength() {
        return backendQueued.get();
    }

    /**
     * Cannot take a new connection now: its maxconn is reached or requests already wait in its
     * queue (haproxy serves a server's queue before new requests, backend.c).
     */
    public boolean isSaturated(BackendServer s) {
        return s.maxconn() > 0 && (queued.get(s.index()) > 0 || sessions.get(s.index()) >= s.maxconn());
    }

    /** Usable active servers in declaration order. */
    public int activeUsableCount() {
        return (int) servers.stream().filter(s -> !s.backup() && isUsable(s)).count();
    }

    public int backupUsableCount() {
        return (int) servers.stream().filter(s -> s.backup() && isUsable(s)).count();
    }

    /**
     * The servers a balancer may pick from now (configuration.txt "option redispatch" list and
     * "option allbackups"): the usable active servers; if there is none, every usable backup with
     * {@code option allbackups}, else the first usable backup.
     */
    public Candidates candidates() {
        long v = version.get();
        Candidates c = candidates;
        if (c != null && c.version() == v) {
            return c;
        }
        List<BackendServer> active = new ArrayList<>();
        List<BackendServer> backups = new ArrayList<>();
        for (BackendServer s : servers) {
            if (isUsable(s)) {
                (s.backup() ? backups : active).add(s);
            }
        }
        if (!active.isEmpty()) {
            c = new Candidates(active, false, v);
        } else if (backups.isEmpty() || allBackups) {
            c = new Candidates(backups, !backups.isEmpty(), v);
        } else {
            c = new Candidates(List.of(backups.getFirst()), true, v);
        }
        candidates = c;
        return c;
    }

    public ServerSnapshot snapshot(BackendServer s) {
        Facts f = facts(s);
        ServerStatus status;
        if (f.admin == AdminState.MAINT) {
            status = ServerStatus.MAINT;
        } else if (!f.checksSayUp) {
            status = ServerStatus.DOWN;
        } else if (f.admin == AdminState.DRAIN || f.weight == 0) {
            status = ServerStatus.DRAIN;
        } else {
            status = ServerStatus.UP;
        }
        int effective = f.checksSayUp && f.admin == AdminState.READY ? f.weight : 0;
        return new ServerSnapshot(s, status, f.checksSayUp, f.admin, s.weight(), f.weight, effective,
                sessions.get(s.index()), maxSessions.get(s.index()), queued.get(s.index()), f.lastCheck,
                f.lastChangeMillis);
    }

    public List<ServerSnapshot> snapshots() {
        return servers.stream().map(this::snapshot).toList();
    }

    // ---- writes: one writer at a time ----

    /**
     * Records what the health checks concluded.
     *
     * @return true when the server's UP/DOWN state changed
     */
    public synchronized boolean setChecksSayUp(BackendServer s, boolean up, long nowMillis) {
        Facts f = facts.get(s.index());
        if (f.checksSayUp == up) {
            return false;
        }
        facts.set(s.index(), new Facts(up, f.admin, f.weight, f.lastCheck, nowMillis));
        version.incrementAndGet();
        return true;
    }

    /** @return true when the admin state changed */
    public synchronized boolean setAdmin(BackendServer s, AdminState admin, long nowMillis) {
        Facts f = facts.get(s.index());
        if (f.admin == admin) {
            return false;
        }
        facts.set(s.index(), new Facts(f.checksSayUp, admin, f.weight, f.lastCheck, nowMillis));
        version.incrementAndGet();
        return true;
    }

    /** Runtime API "set weight": 0..256; 0 drains the server without marking it down. */
    public synchronized void setWeight(BackendServer s, int weight) {
        if (weight < 0 || weight > BackendServer.MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be 0..256, got " + weight);
        }
        Facts f = facts.get(s.index());
        if (f.weight != weight) {
            facts.set(s.index(), new Facts(f.checksSayUp, f.admin, weight, f.lastCheck, f.lastChangeMillis));
            version.incrementAndGet();
        }
    }

    public synchronized void recordCheck(BackendServer s, CheckSummary check) {
        Facts f = facts.get(s.index());
        facts.set(s.index(), new Facts(f.checksSayUp, f.admin, f.weight, check, f.lastChangeMillis));
    }

    // ---- hot counters: lock-free ----

    /** A connection is now assigned to {@code s}. */
    public void takeSession(BackendServer s) {
        int now = sessions.incrementAndGet(s.index());
        maxSessions.accumulateAndGet(s.index(), now, Math::max);
    }

    /** The connection assigned to {@code s} is gone. */
    public void releaseSession(BackendServer s) {
        sessions.updateAndGet(s.index(), n -> n > 0 ? n - 1 : 0);
    }

    void addQueued(BackendServer s, int delta) {
        queued.addAndGet(s.index(), delta);
    }

    void addBackendQueued(int delta) {
        backendQueued.addAndGet(delta);
    }

    /** The servers a balancer may use at one {@link BackendState#version()}. */
    public record Candidates(List<BackendServer> servers, boolean backup, long version) {
        public Candidates {
            servers = List.copyOf(servers);
        }

        public boolean isEmpty() {
            return servers.isEmpty();
        }
    }
}
