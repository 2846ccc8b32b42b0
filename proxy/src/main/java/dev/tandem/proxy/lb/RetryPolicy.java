package dev.tandem.proxy.lb;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.Mode;
import dev.tandem.config.haproxy.model.Proxy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to do after a failed attempt (configuration.txt "retries", "retry-on", "option
 * redispatch"): retry on the same server, redispatch to another one, or give up.
 *
 * <ul>
 *   <li>{@code retries N} allows N retries after the first attempt (default 3); a redispatch
 *       counts as a retry.
 *   <li>A connection failure is retried only while {@code retry-on} lists {@code conn-failure}
 *       (the default). Other failures need their keyword or status in {@code retry-on}, HTTP mode,
 *       and the whole request still in the buffer; a request whose body was streamed cannot be
 *       replayed.
 *   <li>haproxy 2.6 does not look at the method: an operator who writes {@code retry-on
 *       empty-response} gets POSTs replayed too (its documentation puts replay safety on the
 *       operator). {@link #idempotentOnly()} is a Tandem option that refuses to replay a request
 *       that is not idempotent by RFC 9110 §9.2.2 once it reached the server; it is off by default.
 *   <li>With {@code option redispatch} (interval -1: the last retry) the retry goes to another
 *       server when the server is no longer up, on every Nth retry for a positive interval, on
 *       the Nth retry before the last for a negative one, or at once when the algorithm is
 *       round-robin-like, the request is not bound to its server, and more than one active
 *       server is up (stream.h stream_choose_redispatch).
 *   <li>Retrying the same server after a failed connect first waits min(1s, timeout connect)
 *       (configuration.txt "retries": the turn-around timer); so does a redispatch after a failed
 *       connect when at most one active server is left.
 * </ul>
 */
public record RetryPolicy(int retries, Set<RetryOn> retryOn, Set<Integer> retryStatuses, boolean httpMode,
        boolean redispatch, int redispatchInterval, boolean roundRobinKind, Duration connectTimeout,
        boolean idempotentOnly) {

    /** {@code retry-on} keywords. */
    public enum RetryOn {
        CONN_FAILURE,
        EMPTY_RESPONSE,
        JUNK_RESPONSE,
        RESPONSE_TIMEOUT,
        ZERO_RTT_REJECTED
    }

    /** Why the attempt failed; {@code status} only for {@link Kind#STATUS}. */
    public record Failure(Kind kind, int status) {
        public enum Kind {
            CONN_FAILURE,
            EMPTY_RESPONSE,
            JUNK_RESPONSE,
            RESPONSE_TIMEOUT,
            ZERO_RTT_REJECTED,
            STATUS
        }

        public static Failure of(Kind kind) {
            return new Failure(kind, 0);
        }

        public static Failure status(int code) {
            return new Failure(Kind.STATUS, code);
        }
    }

    /**
     * @param method the request method
     * @param replayable the whole request is still buffered (always true for a connection failure
     *     before anything was sent)
     * @param boundToServer persistence forced the server (a cookie or a hash); only redispatch may break it
     */
    public record Attempt(String method, boolean replayable, boolean boundToServer) {}

    public enum Action {
        RETRY_SAME_SERVER,
        REDISPATCH,
        GIVE_UP
    }

    public record Decision(Action action, Duration delay) {
        static final Decision GIVE_UP = new Decision(Action.GIVE_UP, Duration.ZERO);
    }

    public static final Set<Integer> RETRYABLE_STATUSES = Set.of(401, 403, 404, 408, 425, 500, 501, 502, 503, 504);

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    public RetryPolicy {
        retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
        retryStatuses = Set.copyOf(retryStatuses);
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
    }

    /** The policy of a backend from the sealed config. */
    public static RetryPolicy of(Proxy backend) {
        return of(backend.retries(), backend.retryOn(), backend.mode() == Mode.HTTP, backend.options().redispatch(),
                backend.balance(), backend.timeouts().connect().orElse(Duration.ZERO))
                .withRedispatchInterval(backend.options().redispatchInterval());
    }

    /**
     * @param retryOnWords the words of the last {@code retry-on} line; empty means the default conn-failure
     * @throws IllegalArgumentException for a word haproxy would reject
     */
    public static RetryPolicy of(int retries, List<String> retryOnWords, boolean httpMode, boolean redispatch,
            Balance balance, Duration connectTimeout) {
        Set<RetryOn> on = EnumSet.noneOf(RetryOn.class);
        Set<Integer> statuses = new HashSet<>();
        List<String> words = retryOnWords.isEmpty() ? List.of("conn-failure") : retryOnWords;
        for (String w : words) {
            switch (w.toLowerCase(Locale.ROOT)) {
                case "none" -> {
                    on.clear();
                    statuses.clear();
                }
                case "conn-failure" -> on.add(RetryOn.CONN_FAILURE);
                case "empty-response" -> on.add(RetryOn.EMPTY_RESPONSE);
                case "junk-response" -> on.add(RetryOn.JUNK_RESPONSE);
                case "response-timeout" -> on.add(RetryOn.RESPONSE_TIMEOUT);
                case "0rtt-rejected" -> on.add(RetryOn.ZERO_RTT_REJECTED);
                case "all-retryable-errors" -> {
                    on.addAll(EnumSet.allOf(RetryOn.class));
                    statuses.addAll(List.of(500, 502, 503, 504));
                }
                default -> {
                    int code;
                    try {
                        code = Integer.parseInt(w);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("retry-on: unknown keyword '" + w + "'", e);
                    }
                    if (!RETRYABLE_STATUSES.contains(code)) {
                        throw new IllegalArgumentException("retry-on: status " + code + " is not retryable; use one of "
                                + RETRYABLE_STATUSES.stream().sorted().toList());
                    }
                    statuses.add(code);
                }
            }
        }
        boolean rrKind = balance instanceof Balance.RoundRobin || balance instanceof Balance.StaticRoundRobin
                || balance instanceof Balance.Random;
        return new RetryPolicy(retries, on, statuses, httpMode, redispatch, -1, rrKind, connectTimeout, false);
    }

    /**
     * @param retriesDone retries already made for this request before the failed attempt
     * @param serverUp the failed attempt's server is still up
     * @param activeServers usable active servers of the backend
     */
    public Decision decide(Failure failure, Attempt attempt, int retriesDone, boolean serverUp, int activeServers) {
        if (retriesDone >= retries || !enabled(failure)) {
            return Decision.GIVE_UP;
        }
        boolean connFailure = failure.kind() == Failure.Kind.CONN_FAILURE;
        if (!connFailure) {
            if (!httpMode || !attempt.replayable()) {
                return Decision.GIVE_UP;
            }
            if (idempotentOnly && !IDEMPOTENT.contains(attempt.method().toUpperCase(Locale.ROOT))) {
                return Decision.GIVE_UP;
            }
        }
        int retryNumber = retriesDone + 1;
        Duration wait = Duration.ZERO;
        if (connFailure) {
            wait = connectTimeout.isZero() || connectTimeout.compareTo(Duration.ofSeconds(1)) > 0
                    ? Duration.ofSeconds(1) : connectTimeout;
        }
        if (redispatch && redispatchNow(retryNumber, attempt, serverUp, activeServers)) {
            // backend.c back_handle_st_cer waits "only when we're retrying on the same server" or
            // when at most one active server is left (measured on 2.6.12: Tw 1002 on such a redispatch)
            return new Decision(Action.REDISPATCH, activeServers <= 1 ? wait : Duration.ZERO);
        }
        return new Decision(Action.RETRY_SAME_SERVER, wait);
    }

    private boolean redispatchNow(int retryNumber, Attempt attempt, boolean serverUp, int activeServers) {
        if (!serverUp) {
            return true;
        }
        if (redispatchInterval > 0 && retryNumber % redispatchInterval == 0) {
            return true;
        }
        if (redispatchInterval < 0) {
            int every = retries + 1 + redispatchInterval;
            if (every > 0 && retryNumber % every == 0) {
                return true;
            }
        }
        return !attempt.boundToServer() && activeServers > 1 && roundRobinKind;
    }

    private boolean enabled(Failure failure) {
        return switch (failure.kind()) {
            case CONN_FAILURE -> retryOn.contains(RetryOn.CONN_FAILURE);
            case EMPTY_RESPONSE -> retryOn.contains(RetryOn.EMPTY_RESPONSE);
            case JUNK_RESPONSE -> retryOn.contains(RetryOn.JUNK_RESPONSE);
            case RESPONSE_TIMEOUT -> retryOn.contains(RetryOn.RESPONSE_TIMEOUT);
            case ZERO_RTT_REJECTED -> retryOn.contains(RetryOn.ZERO_RTT_REJECTED);
            case STATUS -> retryStatuses.contains(failure.status());
        };
    }

    public RetryPolicy withIdempotentOnly(boolean on) {
        return new RetryPolicy(retries, retryOn, retryStatuses, httpMode, redispatch, redispatchInterval, roundRobinKind,
                connectTimeout, on);
    }

    public RetryPolicy withRedispatchInterval(int interval) {
        return new RetryPolicy(retries, retryOn, retryStatuses, httpMode, redispatch, interval, roundRobinKind,
                connectTimeout, idempotentOnly);
    }
}
