package dev.tandem.proxy.lb;

/**
 * What the stats page shows for a server: MAINT wins over everything, then DOWN (checks), then
 * DRAIN (admin drain or weight 0: no new traffic, existing sessions go on), else UP.
 */
public enum ServerStatus {
    UP,
    DOWN,
    MAINT,
    DRAIN
}
