package dev.tandem.vrrp;

import java.time.Duration;

/**
 * Gratuitous ARP / unsolicited NA policy (keepalived.conf(5) garp_master_delay, garp_master_repeat,
 * garp_master_refresh, garp_master_refresh_repeat, garp_lower_prio_delay, garp_lower_prio_repeat,
 * vrrp_garp_interval, vrrp_gna_interval).
 *
 * @param masterDelay delay of the second burst after takeover; zero for none (keepalived default 5 s)
 * @param masterRefresh period of refresh bursts while MASTER; zero for none (the default)
 * @param lowerPrioRepeat burst a master sends on hearing a lower-priority advert, to repair ARP caches after a
 *     split brain (keepalived #166); 0 for none. keepalived defaults it to garp_master_repeat.
 * @param lowerPrioDelay delay of the second such burst; zero for none
 */
public record GarpSettings(Duration masterDelay, int masterRepeat, Duration masterRefresh, int masterRefreshRepeat,
                           Duration lowerPrioDelay, int lowerPrioRepeat, Duration arpInterval, Duration naInterval) {
    public static final GarpSettings DEFAULTS = new GarpSettings(Duration.ofSeconds(5), 5, Duration.ZERO, 1,
            Duration.ofSeconds(5), 5, Duration.ZERO, Duration.ZERO);

    public GarpSettings {
        if (masterRepeat < 1 || masterRefreshRepeat < 1 || lowerPrioRepeat < 0) {
            throw new IllegalArgumentException("garp repeat counts must be at least 1 (garp_lower_prio_repeat 0)");
        }
        if (masterDelay.isNegative() || masterRefresh.isNegative() || lowerPrioDelay.isNegative()
                || arpInterval.isNegative() || naInterval.isNegative()) {
            throw new IllegalArgumentException("garp delays must not be negative");
        }
    }
}
