package dev.tandem.config.keepalived.model;

import java.util.List;
import java.util.Objects;

/**
 * A configuration line kept verbatim because Tandem parses but does not act on it yet
 * (virtual_routes, virtual_rules, and accepted-but-unmanaged global keywords).
 */
public record OpaqueLine(List<String> words, SourcePosition source) {

    public OpaqueLine {
        words = List.copyOf(words);
        Objects.requireNonNull(source, "source");
    }

    public String text() {
        return String.join(" ", words);
    }
}
