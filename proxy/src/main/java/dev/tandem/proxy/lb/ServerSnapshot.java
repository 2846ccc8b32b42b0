package dev.tandem.proxy.lb;

/**
 * One consistent reading of a server for the stats page and the runtime API.
 *
 * @param configuredWeight the weight written in the config
 * @param weight the current weight (the runtime API may change it), 0..256
 * @param effectiveWeight what the balancers use: {@code weight} when usable, else 0
 * @param sessions current sessions (connections assigned to the server)
 * @param maxSessions the highest {@code sessions} seen
 * @param lastChangeMillis injected-clock time of the last UP/DOWN/MAINT/DRAIN change
 */
public record ServerSnapshot(BackendServer server, ServerStatus status, boolean checksSayUp, AdminState admin,
        int configuredWeight, int weight, int effectiveWeight, int sessions, int maxSessions, int queueLength,
        CheckSummary lastCheck, long lastChangeMillis) {

    public String name() {
        return server.name();
    }

    public boolean backup() {
        return server.backup();
    }
}
