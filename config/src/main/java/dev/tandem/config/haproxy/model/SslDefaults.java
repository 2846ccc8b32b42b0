package dev.tandem.config.haproxy.model;

import java.util.List;
import java.util.Optional;

/** {@code ssl-default-bind-*}: what an {@code ssl} bind uses when it does not say. */
public record SslDefaults(Optional<String> bindCiphers, Optional<String> bindCiphersuites,
        List<String> bindOptions, Optional<String> bindCurves) {

    public static final SslDefaults NONE = new SslDefaults(Optional.empty(), Optional.empty(), List.of(), Optional.empty());

    public SslDefaults {
        bindOptions = List.copyOf(bindOptions);
    }
}
