package dev.tandem.config.keepalived;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** Collects the diagnostics of one read, then hands them out in file order. */
final class Diagnostics implements Consumer<Diagnostic> {

    private final List<Diagnostic> collected = new ArrayList<>();

    @Override
    public void accept(Diagnostic diagnostic) {
        collected.add(diagnostic);
    }

    void error(Statement at, String message, String hint) {
        add(Severity.ERROR, at, at.keyword(), message, hint);
    }

    void warning(Statement at, String message, String hint) {
        add(Severity.WARNING, at, at.keyword(), message, hint);
    }

    void notice(Statement at, String message, String hint) {
        add(Severity.NOTICE, at, at.keyword(), message, hint);
    }

    void add(Severity severity, Statement at, Word word, String message, String hint) {
        collected.add(new Diagnostic(at.file(), at.line(), word.column(), severity, message, hint));
    }

    boolean hasErrors() {
        return collected.stream().anyMatch(Diagnostic::isError);
    }

    /** Sorted by file (in the order files were first read), then line and column; stable otherwise. */
    List<Diagnostic> inFileOrder(List<String> fileOrder) {
        Comparator<Diagnostic> byFile = Comparator.comparingInt(d -> {
            int index = fileOrder.indexOf(d.file());
            return index < 0 ? Integer.MAX_VALUE : index;
        });
        List<Diagnostic> sorted = new ArrayList<>(collected);
        sorted.sort(byFile.thenComparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return sorted;
    }
}
