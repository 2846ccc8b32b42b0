package dev.tandem.config.haproxy.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * TLS termination on a bind ({@code ssl crt ...}). Certificates are PEM files holding the
 * certificate chain and the key; a directory means every file in it.
 */
public record BindTls(List<Path> crts, Optional<Path> crtList, List<String> alpn, Optional<TlsVersion> minVersion,
        Optional<TlsVersion> maxVersion, Optional<String> ciphers, Optional<String> ciphersuites,
        Optional<String> curves, Optional<Path> caFile, TlsVerify verify, boolean strictSni, boolean noTlsTickets) {

    public BindTls {
        crts = List.copyOf(crts);
        alpn = List.copyOf(alpn);
    }
}
