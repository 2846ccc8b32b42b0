package dev.tandem.proxy.check;

import java.util.Optional;

/**
 * The log lines haproxy 2.6 writes when a server or backend changes state, word for word
 * (server.c srv_append_status and the state-change paths, check.c for "Health check for ...",
 * backend.c set_backend_down). Lines end with the period haproxy logs, without newline.
 *
 * @param backend the backend's name
 * @param proxyKind the word haproxy uses for the section: "backend", or "proxy" for a listen
 *     (measured on 2.6.12: {@code proxy li has no server available!})
 */
public record StateChangeLog(String backend, String proxyKind) {

    public static StateChangeLog forBackend(String backend) {
        return new StateChangeLog(backend, "backend");
    }

    public static StateChangeLog forListen(String listen) {
        return new StateChangeLog(listen, "proxy");
    }

    /**
     * What the other servers look like after the change.
     *
     * @param active usable active servers after the change
     * @param backup usable backup servers after the change
     */
    public record Counts(int active, int backup) {}

    /**
     * {@code Server be/app1 is DOWN, reason: ..., check duration: 0ms. 2 active and 0 backup servers
     * left. 0 sessions active, 0 requeued, 0 remaining in queue.}
     *
     * @param cause the check that decided, empty when health-check logging already reported it
     */
    public String serverDown(String server, boolean backupServer, Optional<CheckResult> cause, Counts counts,
            int sessionsActive, int requeued, int remainingInQueue) {
        return prefix(backupServer) + backend + "/" + server + " is DOWN" + reason(cause) + left(counts)
                + " " + sessionsActive + " sessions active, " + requeued + " requeued, " + remainingInQueue
                + " remaining in queue.";
    }

    /**
     * {@code Server be/app1 is UP, reason: Layer7 check passed, code: 200, check duration: 1ms. 3
     * active and 0 backup servers online. 0 sessions requeued, 0 total in queue.}
     */
    public String serverUp(String server, boolean backupServer, Optional<CheckResult> cause, Counts counts,
            int requeued, int totalInQueue) {
        return prefix(backupServer) + backend + "/" + server + " is UP" + reason(cause) + ". " + counts.active()
                + " active and " + counts.backup() + " backup servers online." + runningOnBackup(counts) + " "
                + requeued + " sessions requeued, " + totalInQueue + " total in queue.";
    }

    /** {@code option log-health-checks}: one line per check that changed the counter or the status. */
    public String healthCheck(String server, boolean backupServer, CheckResult result, HealthCheckState state,
            boolean drained) {
        String verdict = result.status().result() == CheckStatus.Result.CONDITIONAL ? "conditionally succeeded"
                : result.passed() ? "succeeded" : "failed";
        return "Health check for " + (backupServer ? "backup " : "") + "server " + backend + "/" + server + " "
                + verdict + reason(Optional.of(result)) + ", status: " + state.progress(drained) + ".";
    }

    /** {@code backend appserver has no server available!} */
    public String noServerAvailable() {
        return proxyKind + " " + backend + " has no server available!";
    }

    /**
     * The same event as stderr shows it: ha_alert quotes the name ({@code backend 'appserver' has
     * no server available!}) where the log line does not (backend.c set_backend_down).
     */
    public String noServerAvailableOnConsole() {
        return proxyKind + " '" + backend + "' has no server available!";
    }

    public String goingDownForMaintenance(String server, boolean backupServer, Counts counts, int sessionsActive,
            int requeued, int remainingInQueue) {
        return prefix(backupServer) + backend + "/" + server + " is going DOWN for maintenance" + left(counts) + " "
                + sessionsActive + " sessions active, " + requeued + " requeued, " + remainingInQueue
                + " remaining in queue.";
    }

    public String wasDownAndEntersMaintenance(String server, boolean backupServer) {
        return prefix(backupServer) + backend + "/" + server + " was DOWN and now enters maintenance.";
    }

    /** {@code Server be/app1 is UP/READY (leaving maintenance).} */
    public String leavingMaintenance(String server, boolean backupServer, boolean up, boolean drain) {
        return prefix(backupServer) + backend + "/" + server + " is " + (up ? "UP" : "DOWN") + "/"
                + (drain ? "DRAIN" : "READY") + " (leaving maintenance).";
    }

    private static String prefix(boolean backupServer) {
        return backupServer ? "Backup Server " : "Server ";
    }

    private static String left(Counts counts) {
        return ". " + counts.active() + " active and " + counts.backup() + " backup servers left."
                + runningOnBackup(counts);
    }

    private static String runningOnBackup(Counts counts) {
        return counts.backup() > 0 && counts.active() == 0 ? " Running on backup." : "";
    }

    private static String reason(Optional<CheckResult> cause) {
        if (cause.isEmpty()) {
            return "";
        }
        CheckResult r = cause.get();
        StringBuilder b = new StringBuilder(", reason: ").append(r.status().description());
        if (r.status().carriesCode()) {
            b.append(", code: ").append(r.code());
        }
        if (!r.info().isEmpty()) {
            b.append(", info: \"").append(escape(r.info())).append('"');
        }
        if (r.durationMillis() >= 0) {
            b.append(", check duration: ").append(r.durationMillis()).append("ms");
        }
        return b.toString();
    }

    /** Non-printable bytes and the quote become \xNN so a hostile server cannot forge log text. */
    private static String escape(String info) {
        StringBuilder b = new StringBuilder(info.length());
        for (int i = 0; i < info.length(); i++) {
            char c = info.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"') {
                b.append(String.format("\\x%02x", c & 0xff));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
