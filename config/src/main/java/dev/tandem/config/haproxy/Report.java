package dev.tandem.config.haproxy;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Collects the diagnostics of one read, pointing each at a word of its line. */
final class Report implements Consumer<Diagnostic> {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    @Override
    public void accept(Diagnostic d) {
        diagnostics.add(d);
    }

    void error(Line line, int word, String message) {
        error(line, word, message, null);
    }

    void error(Line line, int word, String message, String hint) {
        diagnostics.add(line.at(word, Severity.ERROR, message, hint));
    }

    void warning(Line line, int word, String message, String hint) {
        diagnostics.add(line.at(word, Severity.WARNING, message, hint));
    }

    void notice(Line line, int word, String message, String hint) {
        diagnostics.add(line.at(word, Severity.NOTICE, message, hint));
    }

    boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    List<Diagnostic> all() {
        return diagnostics;
    }
}
