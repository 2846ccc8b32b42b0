package dev.tandem.vrrp;

import dev.tandem.vrrp.packet.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Logs dropped adverts at most once per reason per period, on the engine's clock, so a flood of bad packets
 * cannot flood the log; the next line says how many were not logged.
 */
final class RejectLog {
    static final long PERIOD_MICROS = 10_000_000;
    private final String instance;
    private final Consumer<String> sink;
    private final Map<RejectReason, Long> lastLogged = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Long> suppressed = new EnumMap<>(RejectReason.class);

    RejectLog(String instance, Consumer<String> sink) {
        this.instance = instance;
        this.sink = sink;
    }

    void reject(long now, RejectReason reason, String detail) {
        Long last = lastLogged.get(reason);
        if (last != null && now - last < PERIOD_MICROS) {
            suppressed.merge(reason, 1L, Long::sum);
            return;
        }
        lastLogged.put(reason, now);
        Long skipped = suppressed.remove(reason);
        sink.accept("(" + instance + ") dropped advert: " + detail
                + (skipped == null ? "" : " (" + skipped + " more like it not logged)"));
    }
}
