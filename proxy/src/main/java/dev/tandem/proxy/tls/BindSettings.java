package dev.tandem.proxy.tls;

import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.config.haproxy.model.SslDefaults;
import dev.tandem.config.haproxy.model.TlsVerify;
import dev.tandem.config.haproxy.model.TlsVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The TLS settings one certificate of a bind ends up with: the crt-list line's options over the
 * bind line's over {@code ssl-default-bind-*} over haproxy's defaults (configuration.txt §3.1
 * "ssl-default-bind-options", §5.1). Pure.
 *
 * @param alpn what the server accepts, in its preference order; empty = no ALPN extension
 * @param protocols enabled versions, JSSE names ("TLSv1.2", "TLSv1.3")
 */
public record BindSettings(List<String> alpn, List<String> protocols, Optional<String> ciphers,
        Optional<String> ciphersuites, Optional<String> curves, TlsVerify verify, Optional<Path> caFile,
        boolean tickets) {

    /** haproxy >= 2.8 advertises these on an {@code ssl} bind without {@code alpn}. */
    public static final List<String> DEFAULT_ALPN = List.of("h2", "http/1.1");

    public BindSettings {
        alpn = List.copyOf(alpn);
        protocols = List.copyOf(protocols);
    }

    /**
     * @param served the application protocols the pipeline behind the bind speaks (e.g. only
     *        "http/1.1" until HTTP/2 is wired): ALPN never offers what nobody would serve
     */
    public static BindSettings of(BindTls bind, SslDefaults global, CertOptions cert, List<String> served) {
        List<String> wanted = cert.alpn().orElse(bind.alpn().isEmpty() ? DEFAULT_ALPN : bind.alpn());
        List<String> alpn = wanted.stream().filter(served::contains).distinct().toList();
        TlsVersion min = cert.minVersion().or(bind::minVersion).or(() -> globalVersion(global, "ssl-min-ver"))
                .orElse(TlsVersion.TLSV12);
        TlsVersion max = cert.maxVersion().or(bind::maxVersion).or(() -> globalVersion(global, "ssl-max-ver"))
                .orElse(TlsVersion.TLSV13);
        List<String> protocols = new ArrayList<>();
        for (TlsVersion v : TlsVersion.values()) {
            if (v.ordinal() >= min.ordinal() && v.ordinal() <= max.ordinal() && !disabled(global, v)) {
                protocols.add(jsseName(v));
            }
        }
        boolean tickets = !bind.noTlsTickets() && !global.bindOptions().contains("no-tls-tickets");
        return new BindSettings(alpn, protocols, cert.ciphers().or(bind::ciphers).or(global::bindCiphers),
                cert.ciphersuites().or(bind::ciphersuites).or(global::bindCiphersuites),
                cert.curves().or(bind::curves).or(global::bindCurves), cert.verify().orElse(bind.verify()),
                cert.caFile().or(bind::caFile), tickets);
    }

    static String jsseName(TlsVersion v) {
        return switch (v) {
            case SSLV3 -> "SSLv3";
            case TLSV10 -> "TLSv1";
            case TLSV11 -> "TLSv1.1";
            case TLSV12 -> "TLSv1.2";
            case TLSV13 -> "TLSv1.3";
        };
    }

    private static Optional<TlsVersion> globalVersion(SslDefaults global, String option) {
        List<String> o = global.bindOptions();
        int i = o.indexOf(option);
        if (i < 0 || i + 1 >= o.size()) {
            return Optional.empty();
        }
        return Arrays.stream(TlsVersion.values()).filter(v -> v.keyword().equals(o.get(i + 1))).findFirst();
    }

    /** The older {@code no-tlsv1x} switches of ssl-default-bind-options. */
    private static boolean disabled(SslDefaults global, TlsVersion v) {
        String flag = switch (v) {
            case SSLV3 -> "no-sslv3";
            case TLSV10 -> "no-tlsv10";
            case TLSV11 -> "no-tlsv11";
            case TLSV12 -> "no-tlsv12";
            case TLSV13 -> "no-tlsv13";
        };
        return global.bindOptions().contains(flag);
    }
}
