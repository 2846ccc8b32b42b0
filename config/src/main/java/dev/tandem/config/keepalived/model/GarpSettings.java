package dev.tandem.config.keepalived.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Gratuitous ARP / unsolicited NA timing of an instance, with global_defs' vrrp_garp_* values
 * already folded in (keepalived.conf(5): garp_master_delay default 5 s, repeat 5, refresh 0 = off).
 *
 * @param masterDelay delay before the second burst after becoming MASTER; zero = no second burst
 * @param masterRepeat how many GARPs/NAs per VIP in each burst
 * @param masterRefresh period of refresh bursts while MASTER; zero = off
 * @param masterRefreshRepeat GARPs/NAs per VIP in each refresh burst
 * @param lowerPrioDelay delay of the burst after a lower-priority advert is received
 * @param lowerPrioRepeat GARPs/NAs per VIP after a lower-priority advert
 * @param garpInterval spacing between gratuitous ARPs ({@code vrrp_garp_interval})
 * @param gnaInterval spacing between unsolicited NAs ({@code vrrp_gna_interval})
 */
public record GarpSettings(
        Duration masterDelay,
        int masterRepeat,
        Duration masterRefresh,
        int masterRefreshRepeat,
        Duration lowerPrioDelay,
        int lowerPrioRepeat,
        Duration garpInterval,
        Duration gnaInterval) {

    /** keepalived 2.2.7's built-in defaults. */
    public static final GarpSettings DEFAULT = new GarpSettings(Duration.ofSeconds(5), 5, Duration.ZERO, 1,
            Duration.ofSeconds(5), 5, Duration.ZERO, Duration.ZERO);

    public GarpSettings {
        Objects.requireNonNull(masterDelay, "masterDelay");
        Objects.requireNonNull(masterRefresh, "masterRefresh");
        Objects.requireNonNull(lowerPrioDelay, "lowerPrioDelay");
        Objects.requireNonNull(garpInterval, "garpInterval");
        Objects.requireNonNull(gnaInterval, "gnaInterval");
    }

    public GarpSettings withMasterDelay(Duration value) {
        return new GarpSettings(value, masterRepeat, masterRefresh, masterRefreshRepeat, lowerPrioDelay,
                lowerPrioRepeat, garpInterval, gnaInterval);
    }

    public GarpSettings withMasterRepeat(int value) {
        return new GarpSettings(masterDelay, value, masterRefresh, masterRefreshRepeat, lowerPrioDelay,
                lowerPrioRepeat, garpInterval, gnaInterval);
    }

    public GarpSettings withMasterRefresh(Duration value) {
        return new GarpSettings(masterDelay, masterRepeat, value, masterRefreshRepeat, lowerPrioDelay,
                lowerPrioRepeat, garpInterval, gnaInterval);
    }

    public GarpSettings withMasterRefreshRepeat(int value) {
        return new GarpSettings(masterDelay, masterRepeat, masterRefresh, value, lowerPrioDelay,
                lowerPrioRepeat, garpInterval, gnaInterval);
    }

    public GarpSettings withLowerPrioDelay(Duration value) {
        return new GarpSettings(masterDelay, masterRepeat, masterRefresh, masterRefreshRepeat, value,
                lowerPrioRepeat, garpInterval, gnaInterval);
    }

    public GarpSettings withLowerPrioRepeat(int value) {
        return new GarpSettings(masterDelay, masterRepeat, masterRefresh, masterRefreshRepeat, lowerPrioDelay,
                value, garpInterval, gnaInterval);
    }

    public GarpSettings withGarpInterval(Duration value) {
        return new GarpSettings(masterDelay, masterRepeat, masterRefresh, masterRefreshRepeat, lowerPrioDelay,
                lowerPrioRepeat, value, gnaInterval);
    }

    public GarpSettings withGnaInterval(Duration value) {
        return new GarpSettings(masterDelay, masterRepeat, masterRefresh, masterRefreshRepeat, lowerPrioDelay,
                lowerPrioRepeat, garpInterval, value);
    }
}
