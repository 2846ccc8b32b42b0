package dev.tandem.proxy.check;

import dev.tandem.config.haproxy.model.Server;

/**
 * {@code observe layer4|layer7} with {@code on-error} and {@code error-limit}
 * (configuration.txt §5.2): errors seen on real traffic count against a server; after
 * {@code error-limit} consecutive ones (default 10) the {@code on-error} action runs.
 *
 * <p>Without {@code observe} (the default) a refused or reset connection during traffic does not
 * change the server's state in haproxy 2.6: only the checks do. Tandem follows that.
 */
public final class TrafficObserver {

    public enum Mode {
        NONE,
        LAYER4,
        LAYER7
    }

    /** configuration.txt "on-error"; fastinter is the default. */
    public enum OnError {
        FASTINTER,
        FAIL_CHECK,
        SUDDEN_DEATH,
        MARK_DOWN
    }

    /** What the data plane saw (check.c analyze_statuses). */
    public enum Event {
        L4_OK("L4 successful connection", true, false),
        L4_ERROR("L4 unsuccessful connection", false, false),
        HTTP_OK("Correct http response", true, true),
        HTTP_STATUS("Wrong http response", false, true),
        HTTP_INVALID("Invalid http response", false, true),
        HTTP_READ_ERROR("Read error (http)", false, true),
        HTTP_READ_TIMEOUT("Read timeout (http)", false, true),
        HTTP_BROKEN_PIPE("Close from server (http)", false, true);

        private final String description;
        private final boolean ok;
        private final boolean layer7Only;

        Event(String description, boolean ok, boolean layer7Only) {
            this.description = description;
            this.ok = ok;
            this.layer7Only = layer7Only;
        }
    }

    /** What the check task must do now. */
    public sealed interface Action {
        /** Nothing to do. */
        record None() implements Action {}

        /** Run the next check after {@code fastinter}. */
        record CheckSoon() implements Action {}

        /** A failed check was applied to the health state; the transition may be WENT_DOWN. */
        record Failed(CheckResult result, HealthCheckState.Transition transition) implements Action {}
    }

    private static final Action NONE = new Action.None();

    private final Mode mode;
    private final OnError onError;
    private final int errorLimit;
    private int consecutiveErrors;

    public TrafficObserver(Mode mode, OnError onError, int errorLimit) {
        this.mode = mode;
        this.onError = onError;
        this.errorLimit = errorLimit;
    }

    /** The server's {@code observe}, {@code on-error} and {@code error-limit} from the sealed config. */
    public static TrafficObserver of(Server.ServerCheck check) {
        Mode mode = switch (check.observe()) {
            case NONE -> Mode.NONE;
            case LAYER4 -> Mode.LAYER4;
            case LAYER7 -> Mode.LAYER7;
        };
        OnError onError = switch (check.onError()) {
            case FASTINTER -> OnError.FASTINTER;
            case FAIL_CHECK -> OnError.FAIL_CHECK;
            case SUDDEN_DEATH -> OnError.SUDDEN_DEATH;
            case MARK_DOWN -> OnError.MARK_DOWN;
        };
        return new TrafficObserver(mode, onError, check.errorLimit());
    }

    public Mode mode() {
        return mode;
    }

    public OnError onError() {
        return onError;
    }

    public int errorLimit() {
        return errorLimit;
    }

    public static TrafficObserver layer4() {
        return new TrafficObserver(Mode.LAYER4, OnError.FASTINTER, 10);
    }

    public static TrafficObserver none() {
        return new TrafficObserver(Mode.NONE, OnError.FASTINTER, 10);
    }

    public int consecutiveErrors() {
        return consecutiveErrors;
    }

    /** Called by the data plane; {@code health} is the server's check state, changed when the action says so. */
    public Action observe(Event event, HealthCheckState health) {
        // layer4 ignores HTTP events; layer7 ignores a successful connect (it proves nothing about HTTP)
        if (mode == Mode.NONE || (mode == Mode.LAYER4 && event.layer7Only)
                || (mode == Mode.LAYER7 && event == Event.L4_OK)) {
            return NONE;
        }
        if (event.ok) {
            consecutiveErrors = 0;
            return NONE;
        }
        consecutiveErrors++;
        if (consecutiveErrors < errorLimit) {
            return NONE;
        }
        String info = "Detected " + consecutiveErrors + " consecutive errors, last one was: " + event.description;
        consecutiveErrors = 0;
        CheckResult failure = new CheckResult(CheckStatus.HANA, 0, info, -1);
        return switch (onError) {
            case FASTINTER -> new Action.CheckSoon();
            case FAIL_CHECK -> new Action.Failed(failure, health.apply(failure));
            case SUDDEN_DEATH -> {
                health.capAtOneAboveRise();
                yield new Action.Failed(failure, health.apply(failure));
            }
            case MARK_DOWN -> {
                health.setToRise();
                yield new Action.Failed(failure, health.apply(failure));
            }
        };
    }
}
