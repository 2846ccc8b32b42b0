package dev.tandem.proxy.check;

import dev.tandem.config.haproxy.model.Global;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When checks run (check.c start_checks and the rescheduling after each check):
 *
 * <ul>
 *   <li>At start, check number {@code i} of {@code n} waits {@code mininter * i / n}, where
 *       {@code mininter} is the smallest interval of 1s or more among all checks (checks with a
 *       shorter interval don't shrink everyone's spread), raised to the check's own interval and
 *       capped by {@code max-spread-checks}; so checks are spread over the interval instead of all
 *       firing together.
 *   <li>After a check, the next one waits the current interval plus or minus up to
 *       {@code spread-checks} percent of it at random (global "spread-checks", 0..50).
 * </ul>
 */
public final class CheckSchedule {

    private static final long INTER_THRESHOLD_MILLIS = 1000;

    private final int spreadPercent;
    private final Duration maxSpread;
    private final RandomGenerator random;

    /**
     * @param spreadPercent global {@code spread-checks}, 0..50
     * @param maxSpread global {@code max-spread-checks}, {@link Duration#ZERO} when unset
     */
    public CheckSchedule(int spreadPercent, Duration maxSpread, RandomGenerator random) {
        if (spreadPercent < 0 || spreadPercent > 50) {
            throw new IllegalArgumentException("spread-checks must be 0..50, got " + spreadPercent);
        }
        this.spreadPercent = spreadPercent;
        this.maxSpread = maxSpread;
        this.random = random;
    }

    /** The schedule of the global {@code spread-checks} and {@code max-spread-checks}. */
    public static CheckSchedule of(Global global, RandomGenerator random) {
        return new CheckSchedule(global.spreadChecks(), global.maxSpreadChecks().orElse(Duration.ZERO), random);
    }

    /**
     * The first delay of each check, in the order the checks are given (config order).
     *
     * @param firstIntervals each check's {@link HealthCheckState#nextInterval()} at start, which is
     *     {@code fastinter} because a fresh server sits at {@code rise}, not at full health
     */
    public List<Duration> initialDelays(List<Duration> firstIntervals) {
        long minInter = 0;
        for (Duration d : firstIntervals) {
            long ms = d.toMillis();
            if (ms >= INTER_THRESHOLD_MILLIS && (minInter == 0 || ms < minInter)) {
                minInter = ms;
            }
        }
        int n = firstIntervals.size();
        List<Duration> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long base = Math.max(minInter, firstIntervals.get(i).toMillis());
            if (!maxSpread.isZero() && base > maxSpread.toMillis()) {
                base = maxSpread.toMillis();
            }
            out.add(Duration.ofMillis(base * i / n));
        }
        return out;
    }

    /** The wait after a check that just finished, {@code interval} being the state's next interval. */
    public Duration nextDelay(Duration interval) {
        long ms = interval.toMillis();
        if (spreadPercent == 0) {
            return interval;
        }
        long spread = ms * spreadPercent / 100;
        long offset = spread - (long) (2 * spread * random.nextDouble());
        return Duration.ofMillis(ms + offset);
    }
}
