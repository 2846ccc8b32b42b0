package dev.tandem.config.haproxy.model;

import java.util.Map;

/** An {@code http-errors <name>} section: errorfiles shared by proxies through {@code errorfiles <name>}. */
public record HttpErrors(String name, Map<Integer, ErrorFile> errorFiles, Origin origin) {
    public HttpErrors {
        errorFiles = Map.copyOf(errorFiles);
    }
}
