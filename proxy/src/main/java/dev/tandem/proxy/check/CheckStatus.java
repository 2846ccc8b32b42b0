package dev.tandem.proxy.check;

/**
 * haproxy's health-check statuses with their short names (stats "check_status") and the
 * descriptions its logs print (check.c check_statuses). Order matters: statuses from
 * {@link #L7OK} on carry an HTTP (or agent) code in log lines.
 */
public enum CheckStatus {
    UNK("UNK", "Unknown", Result.UNKNOWN),
    INI("INI", "Initializing", Result.UNKNOWN),
    CHECKED("CHECKED", "No status change", Result.NEUTRAL),
    HANA("HANA", "Health analyze", Result.FAILED),
    SOCKERR("SOCKERR", "Socket error", Result.FAILED),
    L4OK("L4OK", "Layer4 check passed", Result.PASSED),
    L4TOUT("L4TOUT", "Layer4 timeout", Result.FAILED),
    L4CON("L4CON", "Layer4 connection problem", Result.FAILED),
    L6OK("L6OK", "Layer6 check passed", Result.PASSED),
    L6TOUT("L6TOUT", "Layer6 timeout", Result.FAILED),
    L6RSP("L6RSP", "Layer6 invalid response", Result.FAILED),
    L7TOUT("L7TOUT", "Layer7 timeout", Result.FAILED),
    L7RSP("L7RSP", "Layer7 invalid response", Result.FAILED),
    L7OK("L7OK", "Layer7 check passed", Result.PASSED),
    L7OKC("L7OKC", "Layer7 check conditionally passed", Result.CONDITIONAL),
    L7STS("L7STS", "Layer7 wrong status", Result.FAILED),
    PROCERR("PROCERR", "External check error", Result.FAILED),
    PROCTOUT("PROCTOUT", "External check timeout", Result.FAILED),
    PROCOK("PROCOK", "External check passed", Result.PASSED);

    /** What a status does to the server's health counter. */
    public enum Result {
        UNKNOWN,
        NEUTRAL,
        FAILED,
        PASSED,
        CONDITIONAL
    }

    private final String code;
    private final String description;
    private final Result result;

    CheckStatus(String code, String description, Result result) {
        this.code = code;
        this.description = description;
        this.result = result;
    }

    /** The short name, as in the stats CSV ("L7OK"). */
    public String code() {
        return code;
    }

    /** The words of the log line ("Layer7 check passed"). */
    public String description() {
        return description;
    }

    public Result result() {
        return result;
    }

    /** Log lines print ", code: N" for these. */
    public boolean carriesCode() {
        return ordinal() >= L7OK.ordinal();
    }
}
