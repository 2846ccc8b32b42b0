package dev.tandem.proxy;

import java.util.List;

/** Start-up failed; {@link #errors()} holds one haproxy-style line per problem (e.g. each unbindable address). */
public final class ProxyStartException extends Exception {

    private final List<String> errors;

    public ProxyStartException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
