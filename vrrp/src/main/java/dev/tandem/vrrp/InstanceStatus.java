package dev.tandem.vrrp;

import dev.tandem.vrrp.packet.RejectReason;
import java.util.Map;

/**
 * A read-only view of one instance for logs, stats and metrics.
 *
 * @param masterAdverIntervalCentis the interval the down timer uses (a v3 backup adopts the master's)
 * @param rejects dropped adverts per reason since start
 */
public record InstanceStatus(String name, VrrpState state, int configuredPriority, int effectivePriority,
                             int masterAdverIntervalCentis, boolean ownFault, Map<RejectReason, Long> rejects) {
    public InstanceStatus {
        rejects = Map.copyOf(rejects);
    }
}
