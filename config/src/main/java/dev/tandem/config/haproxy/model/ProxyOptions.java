package dev.tandem.config.haproxy.model;

/** Boolean {@code option ...} switches that need no parameters. */
public record ProxyOptions(boolean redispatch, boolean allBackups, boolean httpBufferRequest,
        boolean httpIgnoreProbes) {
    public static final ProxyOptions NONE = new ProxyOptions(false, false, false, false);
}
