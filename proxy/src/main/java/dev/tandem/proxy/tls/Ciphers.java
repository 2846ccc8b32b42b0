package dev.tandem.proxy.tls;

import dev.tandem.config.Diagnostic;
import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.OpenSsl;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * {@code ciphers} (TLS <= 1.2, OpenSSL names joined by ':') and {@code ciphersuites} (TLS 1.3) as
 * a list the engine accepts. Explicit names only: an OpenSSL cipher expression such as
 * {@code HIGH:!aNULL} is not expanded here, and each such word is reported.
 */
final class Ciphers {

    /** RFC 8446 §B.4 suites every engine here implements; kept when only {@code ciphers} is set. */
    static final List<String> TLS13_DEFAULT = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    /** Netty's default TLS 1.2 list (AEAD only): what a bind gets without {@code ciphers}. */
    static final String MODERN = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
            + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
            + "ECDHE-RSA-CHACHA20-POLY1305";

    /** CBC suites TLS 1.0/1.1 need; added only when ssl-min-ver lets those versions in. */
    static final String LEGACY = "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:"
            + "ECDHE-RSA-AES256-SHA:AES128-SHA:AES256-SHA";

    private Ciphers() {
    }

    /**
     * Null means "the engine's default list". TLS 1.2 and TLS 1.3 suites share one list in Netty,
     * so setting only one keyword keeps the defaults of the other.
     */
    static List<String> list(Optional<String> ciphers, Optional<String> ciphersuites, boolean legacyVersions,
            TlsEngine engine, String where, List<Diagnostic> diags) {
        if (ciphers.isEmpty() && ciphersuites.isEmpty() && !legacyVersions) {
            return null;
        }
        if (ciphersuites.isPresent() && engine.boringSsl()) {
            diags.add(Diagnostic.warning(where, 0, "'ciphersuites " + ciphersuites.get()
                    + "' is ignored: BoringSSL's TLS 1.3 cipher suites are fixed"));
            if (ciphers.isEmpty() && !legacyVersions) {
                return null;
            }
        }
        List<String> out = new ArrayList<>();
        String tls12 = ciphers.orElse(legacyVersions ? MODERN + ":" + LEGACY : MODERN);
        add(tls12, ciphers.isPresent() ? "ciphers" : null, engine, where, diags, out);
        if (ciphers.isPresent() && out.isEmpty()) {
            diags.add(Diagnostic.warning(where, 0, "no usable cipher in 'ciphers " + ciphers.get()
                    + "'; the engine's default TLS 1.2 ciphers are used").withHint(
                    "list explicit OpenSSL names, e.g. ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256"));
            add(legacyVersions ? MODERN + ":" + LEGACY : MODERN, null, engine, where, diags, out);
        }
        if (ciphersuites.isPresent() && !engine.boringSsl()) {
            add(ciphersuites.get(), "ciphersuites", engine, where, diags, out);
        } else {
            out.addAll(TLS13_DEFAULT);
        }
        return out.stream().distinct().toList();
    }

    /** @param keyword the config keyword to name in warnings; null for built-in lists (no warnings) */
    private static void add(String spec, String keyword, TlsEngine engine, String where, List<Diagnostic> diags,
            List<String> out) {
        Set<String> jdk = engine.boringSsl() ? Set.of() : jdkSuites();
        for (String word : spec.split(":")) {
            if (word.isBlank()) {
                continue;
            }
            String name = engine.boringSsl() ? openSslName(word) : javaName(word, jdk);
            if (name != null) {
                out.add(name);
            } else if (keyword != null) {
                diags.add(Diagnostic.warning(where, 0, "'" + keyword + "': '" + word + "' is not a cipher "
                        + (engine.boringSsl() ? "BoringSSL" : "the JDK engine") + " knows by name; ignored"));
            }
        }
    }

    private static String openSslName(String word) {
        if (OpenSsl.availableOpenSslCipherSuites().contains(word)) {
            return word;
        }
        String converted = CipherSuiteConverter.toOpenSsl(word, true);
        return converted != null && OpenSsl.availableOpenSslCipherSuites().contains(converted) ? converted : null;
    }

    private static String javaName(String word, Set<String> jdk) {
        if (jdk.contains(word)) {
            return word;
        }
        String converted = CipherSuiteConverter.toJava(word, "TLS");
        return converted != null && jdk.contains(converted) ? converted : null;
    }

    private static Set<String> jdkSuites() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            return Set.of();
        }
    }

    /** The OpenSSL spelling haproxy's ssl_fc_cipher shows for a JSSE suite name. */
    static String openSslSpelling(String javaName) {
        if (javaName == null) {
            return null;
        }
        if (javaName.startsWith("TLS_AES_") || javaName.startsWith("TLS_CHACHA20_")) {
            return javaName; // TLS 1.3 suites keep their RFC 8446 names in OpenSSL
        }
        String s = CipherSuiteConverter.toOpenSsl(javaName, false);
        return s == null ? javaName : s;
    }
}
