package dev.tandem.proxy;

import dev.tandem.proxy.log.LogClock;

/**
 * How to run a config: {@code nbthread} event loops (0 = one per core, haproxy's default), the
 * clock log lines use, and the host name RFC 5424 lines carry.
 */
public record ProxyOptions(int nbthread, LogClock clock, String hostname) {

    public static ProxyOptions defaults() {
        return new ProxyOptions(0, LogClock.system(), "localhost");
    }

    public ProxyOptions withThreads(int n) {
        return new ProxyOptions(n, clock, hostname);
    }

    public ProxyOptions withClock(LogClock c) {
        return new ProxyOptions(nbthread, c, hostname);
    }
}
