package dev.tandem.config.haproxy;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Collects the diagnostics of one read, pointing each at a word of its line. */
final class Report implements Consumer<Diagnostic> {

    /** Past this many, a config is not worth reading further, and hostile input cannot exhaust memory. */
    static final int MAX_DIAGNOSTICS = 1000;

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private int dropped;

    @Override
    public void accept(Diagnostic d) {
        if (diagnostics.size() < MAX_DIAGNOSTICS) {
            diagnostics.add(d);
        } else {
            dropped++;
        }
    }

    boolean full() {
        return diagnostics.size() >= MAX_DIAGNOSTICS;
    }

    /** Ends a read cut short by {@link #full()}: one error that says so, so no model is built from half a config. */
    void stoppedAt(String file, int line) {
        diagnostics.add(new Diagnostic(file, line, 0, Severity.ERROR, "too many problems: stopped reading after "
                + MAX_DIAGNOSTICS + " diagnostics" + (dropped > 0 ? " (" + dropped + " more not shown)" : ""),
                "fix the first ones and check again"));
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
