package dev.tandem.config.keepalived;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups lexed lines into statements and {@code { }} blocks. As in keepalived, a block may open on
 * the keyword's line or on the next one, and may close on the same line ({@code group { A B }}).
 * An unclosed block is reported at the line that opened it; a stray {@code }} is reported and
 * dropped.
 */
final class StatementReader {

    /** Deeper nesting than any keepalived keyword has; protects the stack from hostile input. */
    static final int MAX_DEPTH = 32;

    private final List<SourceLine> lines;
    private final Consumer<Diagnostic> report;
    private int lineIndex;
    private int wordIndex;

    private StatementReader(List<SourceLine> lines, Consumer<Diagnostic> report) {
        this.lines = lines;
        this.report = report;
    }

    static List<Statement> read(List<SourceLine> lines, Consumer<Diagnostic> report) {
        StatementReader reader = new StatementReader(lines, report);
        return reader.block(null, 0);
    }

    private List<Statement> block(Statement opener, int depth) {
        List<Statement> statements = new ArrayList<>();
        while (true) {
            Word word = peek();
            if (word == null) {
                if (opener != null) {
                    report.accept(new Diagnostic(opener.file(), opener.line(), opener.keyword().column(),
                            Severity.ERROR, "block '" + opener.text() + "' opened here is never closed",
                            "add the missing '}' that ends this block"));
                }
                return statements;
            }
            SourceLine line = lines.get(lineIndex);
            if (word.isCloseBrace()) {
                advance();
                if (opener != null) {
                    return statements;
                }
                report.accept(new Diagnostic(line.file(), line.line(), word.column(), Severity.ERROR,
                        "Extra '}' found", "remove it, or add the block it was meant to close"));
                continue;
            }
            if (word.isOpenBrace()) {
                advance();
                report.accept(new Diagnostic(line.file(), line.line(), word.column(), Severity.ERROR,
                        "Unexpected '{' - ignoring the block it opens", "a block must follow its keyword"));
                skipBlock();
                continue;
            }
            statements.add(statement(line, depth));
        }
    }

    private Statement statement(SourceLine line, int depth) {
        Word keyword = peek();
        int keyLine = lineIndex;
        advance();
        List<Word> args = new ArrayList<>();
        boolean opens = false;
        while (lineIndex == keyLine) {
            Word word = lines.get(lineIndex).words().get(wordIndex);
            if (word.isOpenBrace()) {
                advance();
                opens = true;
                break;
            }
            if (word.isCloseBrace()) {
                break;
            }
            args.add(word);
            advance();
        }
        if (!opens && lineIndex != keyLine && lineIndex < lines.size()
                && !lines.get(lineIndex).words().isEmpty()
                && lines.get(lineIndex).words().getFirst().isOpenBrace()) {
            advance();
            opens = true;
        }
        Statement head = new Statement(keyword, args, null, line.file(), line.line());
        if (!opens) {
            return head;
        }
        if (depth >= MAX_DEPTH) {
            report.accept(new Diagnostic(line.file(), line.line(), keyword.column(), Severity.ERROR,
                    "blocks nested more than " + MAX_DEPTH + " deep - ignoring '" + head.text() + "'", null));
            skipBlock();
            return head;
        }
        List<Statement> block = block(head, depth + 1);
        return new Statement(keyword, args, block, line.file(), line.line());
    }

    /** Skips to the '}' matching an already consumed '{', without recursion. */
    private void skipBlock() {
        int open = 1;
        Word word;
        while ((word = peek()) != null) {
            advance();
            if (word.isOpenBrace()) {
                open++;
            } else if (word.isCloseBrace() && --open == 0) {
                return;
            }
        }
    }

    private Word peek() {
        while (lineIndex < lines.size() && wordIndex >= lines.get(lineIndex).words().size()) {
            lineIndex++;
            wordIndex = 0;
        }
        return lineIndex < lines.size() ? lines.get(lineIndex).words().get(wordIndex) : null;
    }

    private void advance() {
        wordIndex++;
        if (wordIndex >= lines.get(lineIndex).words().size()) {
            lineIndex++;
            wordIndex = 0;
        }
    }
}
