package dev.tandem.proxy.tls;

import dev.tandem.config.haproxy.model.TlsVerify;
import dev.tandem.config.haproxy.model.TlsVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code [sslbindconf ...]} of one crt-list line (configuration.txt §5.1 "crt-list"); an
 * empty field means "as the bind line says".
 */
public record CertOptions(Optional<List<String>> alpn, Optional<TlsVersion> minVersion,
        Optional<TlsVersion> maxVersion, Optional<TlsVerify> verify, Optional<Path> caFile, Optional<String> ciphers,
        Optional<String> ciphersuites, Optional<String> curves) {

    public static final CertOptions NONE = new CertOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public CertOptions {
        alpn = alpn.map(List::copyOf);
    }
}
