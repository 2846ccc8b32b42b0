package dev.tandem.config;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of reading a configuration: the sealed model when it would run, and every
 * diagnostic found on the way (a parser keeps going after an error, as haproxy -c does).
 *
 * @param model the validated model; empty when any diagnostic is an error
 * @param diagnostics all diagnostics, in file order
 */
public record ParseResult<T>(Optional<T> model, List<Diagnostic> diagnostics) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
        if (model.isPresent() && diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a model with errors must not be handed to the runtime");
        }
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
