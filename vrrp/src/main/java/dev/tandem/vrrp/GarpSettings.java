package dev.tandem.vrrp;

import java.time.Duration;

/**
 * Gratuitous ARP / unsolicited NA policy on becoming MASTER (keepalived.conf(5) garp_master_delay,
 * garp_master_repeat, garp_master_refresh, garp_master_refresh_repeat, vrrp_garp_interval, vrrp_gna_interval).
 *
 * @param masterDelay delay of the second burst after takeover; zero for none (keepalived default 5 s)
 * @param masterRefresh period of refresh bursts while MASTER; zero for none (the default)
 */
public record GarpSettings(Duration masterDelay, int masterRepeat, Duration masterRefresh, int masterRefreshRepeat,
                           Duration arpInterval, Duration naInterval) {
    public static final GarpSettings DEFAULTS =
            new GarpSettings(Duration.ofSeconds(5), 5, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO);

    public GarpSettings {
        if (masterRepeat < 1 || masterRefreshRepeat < 1) {
            throw new IllegalArgumentException("garp repeat counts must be at least 1");
        }
        if (masterDelay.isNegative() || masterRefresh.isNegative() || arpInterval.isNegative()
                || naInterval.isNegative()) {
            throw new IllegalArgumentException("garp delays must not be negative");
        }
    }
}
