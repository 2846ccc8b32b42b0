package dev.tandem.proxy.h2;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Counts the frames a client can send cheaply and make the server work for: RST_STREAM right after
 * HEADERS (CVE-2023-44487, "rapid reset"), PING and SETTINGS (each needs an ACK, CVE-2019-9512 and
 * -9515) and PRIORITY (CVE-2019-9513). Each kind has its own fixed window on an injected clock; one
 * frame over a limit condemns the connection. Pure: the decoder asks, the codec sends the GOAWAY.
 */
final class FloodGuard {

    enum Frame {
        RST_STREAM, PING, SETTINGS, PRIORITY
    }

    private final long windowNanos;
    private final int[] limits;
    private final long[] windowStart;
    private final int[] counts;
    private final LongSupplier nanos;

    FloodGuard(H2Limits limits, LongSupplier nanos) {
        this.windowNanos = TimeUnit.SECONDS.toNanos(limits.floodWindowSeconds());
        this.limits = new int[] {limits.maxResets(), limits.maxPings(), limits.maxSettings(), limits.maxPriorities()};
        this.windowStart = new long[Frame.values().length];
        this.counts = new int[Frame.values().length];
        this.nanos = nanos;
        long now = nanos.getAsLong();
        java.util.Arrays.fill(windowStart, now);
    }

    /** Counts one frame; null while the connection stays within its limits, else the reason it must go. */
    String count(Frame f) {
        int i = f.ordinal();
        long now = nanos.getAsLong();
        if (now - windowStart[i] >= windowNanos) {
            windowStart[i] = now;
            counts[i] = 0;
        }
        if (++counts[i] > limits[i]) {
            return "too many " + f.name() + " frames: more than " + limits[i] + " within "
                    + TimeUnit.NANOSECONDS.toSeconds(windowNanos) + " s";
        }
        return null;
    }
}
