package dev.tandem.config.haproxy.model;

/**
 * {@code option ...} switches of a proxy, and {@code http-check disable-on-404}.
 *
 * @param redispatchInterval {@code option redispatch [<interval>]} (configuration.txt "option
 *     redispatch"): -1 (the default) redispatches on the last retry, a positive P on every Pth
 *     retry, a negative N on the Nth retry before the last; 0 turns redispatch off
 * @param disableOn404 {@code http-check disable-on-404}: a 404 from an up server drains it
 * @param logHealthChecks {@code option log-health-checks}: every change of check health is logged
 * @param disableH2Upgrade {@code option disable-h2-upgrade}: no implicit switch to HTTP/2 when a clear
 *     connection starts with the HTTP/2 preface (configuration.txt "option disable-h2-upgrade")
 */
public record ProxyOptions(boolean redispatch, boolean allBackups, boolean httpBufferRequest,
        boolean httpIgnoreProbes, int redispatchInterval, boolean disableOn404, boolean logHealthChecks,
        boolean disableH2Upgrade) {

    public static final ProxyOptions NONE = new ProxyOptions(false, false, false, false, -1, false, false, false);

    /** The switches before {@code disable-h2-upgrade} was modelled. */
    public ProxyOptions(boolean redispatch, boolean allBackups, boolean httpBufferRequest, boolean httpIgnoreProbes,
            int redispatchInterval, boolean disableOn404, boolean logHealthChecks) {
        this(redispatch, allBackups, httpBufferRequest, httpIgnoreProbes, redispatchInterval, disableOn404,
                logHealthChecks, false);
    }

    /** The switches before redispatch intervals and check options were modelled. */
    public ProxyOptions(boolean redispatch, boolean allBackups, boolean httpBufferRequest, boolean httpIgnoreProbes) {
        this(redispatch, allBackups, httpBufferRequest, httpIgnoreProbes, -1, false, false);
    }
}
