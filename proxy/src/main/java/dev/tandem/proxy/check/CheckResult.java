package dev.tandem.proxy.check;

/**
 * The outcome of one check run.
 *
 * @param code the HTTP status for layer-7 checks, 0 when none was read
 * @param info haproxy's "info" text (e.g. {@code Connection refused}, the reason phrase), may be empty
 * @param durationMillis from connect to verdict, -1 when unknown
 */
public record CheckResult(CheckStatus status, int code, String info, long durationMillis) {

    public CheckResult {
        info = info == null ? "" : info;
    }

    public static CheckResult of(CheckStatus status, String info, long durationMillis) {
        return new CheckResult(status, 0, info, durationMillis);
    }

    public boolean passed() {
        return status.result() == CheckStatus.Result.PASSED || status.result() == CheckStatus.Result.CONDITIONAL;
    }

    public boolean failed() {
        return status.result() == CheckStatus.Result.FAILED;
    }
}
