package dev.tandem.proxy;

import dev.tandem.proxy.log.LogClock;
import java.io.PrintStream;

/**
 * How to run a config: {@code nbthread} event loops (0 = one per core, haproxy's default), the
 * clock log lines use, the host name RFC 5424 lines carry, where haproxy's runtime
 * {@code [WARNING]}/{@code [ALERT]} messages go (stderr by default; written by a helper thread,
 * never by an event loop), and whether TLS must use the JDK's engine even where BoringSSL loads
 * (it is the fallback anyway when the native library cannot load).
 */
public record ProxyOptions(int nbthread, LogClock clock, String hostname, PrintStream console, boolean jdkTls) {

    public ProxyOptions(int nbthread, LogClock clock, String hostname) {
        this(nbthread, clock, hostname, System.err, false);
    }

    public static ProxyOptions defaults() {
        return new ProxyOptions(0, LogClock.system(), "localhost");
    }

    public ProxyOptions withThreads(int n) {
        return new ProxyOptions(n, clock, hostname, console, jdkTls);
    }

    public ProxyOptions withClock(LogClock c) {
        return new ProxyOptions(nbthread, c, hostname, console, jdkTls);
    }

    public ProxyOptions withConsole(PrintStream out) {
        return new ProxyOptions(nbthread, clock, hostname, out, jdkTls);
    }

    public ProxyOptions withJdkTls(boolean jdk) {
        return new ProxyOptions(nbthread, clock, hostname, console, jdk);
    }
}
