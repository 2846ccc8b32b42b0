package dev.tandem.config.keepalived;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** Collects the diagnostics of one read, then hands them out in file order. */
final class Diagnostics implements Consumer<Diagnostic> {

    /** More than any person reads; keeps memory bounded when every line of a huge file is wrong. */
    static final int MAX_DIAGNOSTICS = 10_000;

    private final List<Diagnostic> collected = new ArrayList<>();
    private long suppressed;
    private boolean suppressedError;

    @Override
    public void accept(Diagnostic diagnostic) {
        if (collected.size() < MAX_DIAGNOSTICS) {
            collected.add(diagnostic);
        } else {
            suppressed++;
            suppressedError |= diagnostic.isError();
        }
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
        accept(new Diagnostic(at.file(), at.line(), word.column(), severity, message, hint));
    }

    boolean hasErrors() {
        return suppressedError || collected.stream().anyMatch(Diagnostic::isError);
    }

    /** Sorted by file (in the order files were first read), then line and column; stable otherwise. */
    List<Diagnostic> inFileOrder(List<String> fileOrder) {
        Comparator<Diagnostic> byFile = Comparator.comparingInt(d -> {
            int index = fileOrder.indexOf(d.file());
            return index < 0 ? Integer.MAX_VALUE : index;
        });
        List<Diagnostic> sorted = new ArrayList<>(collected);
        sorted.sort(byFile.thenComparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        if (suppressed > 0) {
            String file = fileOrder.isEmpty() ? sorted.getFirst().file() : fileOrder.getFirst();
            Diagnostic summary = new Diagnostic(file, 0, 0, suppressedError ? Severity.ERROR : Severity.WARNING,
                    suppressed + " more diagnostics not shown (stopped listing after " + MAX_DIAGNOSTICS + ")",
                    "fix the problems above and check again");
            sorted.add(summary);
        }
        return sorted;
    }
}
