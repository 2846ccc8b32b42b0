package dev.tandem.proxy.lb;

/**
 * The last health-check result as the stats page shows it ({@code L7OK/200 in 1ms}).
 *
 * @param status haproxy's short check status ({@code L4OK}, {@code L7STS}, ..., {@code INI} before the first check)
 * @param code the HTTP status of a layer-7 check, or -1
 */
public record CheckSummary(String status, int code, long durationMillis) {
    public static final CheckSummary INITIAL = new CheckSummary("INI", -1, -1);
    public static final CheckSummary NO_CHECK = new CheckSummary("", -1, -1);
}
