package dev.tandem.proxy;

import dev.tandem.proxy.log.LogClock;

/**
 * How to run a config: {@code nbthread} event loops (0 = one per core, haproxy's default), the
 * clock log lines use, the host name RFC 5424 lines carry, and whether TLS must use the JDK's
 * engine even where BoringSSL loads (it is the fallback anyway when the native library cannot load).
 */
public record ProxyOptions(int nbthread, LogClock clock, String hostname, boolean jdkTls) {

    public ProxyOptions(int nbthread, LogClock clock, String hostname) {
        this(nbthread, clock, hostname, false);
    }

    public static ProxyOptions defaults() {
        return new ProxyOptions(0, LogClock.system(), "localhost");
    }

    public ProxyOptions withThreads(int n) {
        return new ProxyOptions(n, clock, hostname, jdkTls);
    }

    public ProxyOptions withClock(LogClock c) {
        return new ProxyOptions(nbthread, c, hostname, jdkTls);
    }

    public ProxyOptions withJdkTls(boolean jdk) {
        return new ProxyOptions(nbthread, clock, hostname, jdk);
    }
}
