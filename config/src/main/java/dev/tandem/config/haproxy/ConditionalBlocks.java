package dev.tandem.config.haproxy;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tokenizes a file's lines and keeps those that {@code .if/.elif/.else/.endif} blocks leave
 * active; runs {@code .notice/.warning/.alert/.diag} (configuration.txt §2.4). Nesting is kept on
 * an explicit stack, so no input depth can exhaust the Java stack.
 */
final class ConditionalBlocks {

    /** haproxy's MAXNESTEDCONDS. */
    static final int MAX_NESTING = 10;

    private final Lexer lexer;
    private final HostFacts host;

    ConditionalBlocks(HostFacts host) {
        this.host = host;
        this.lexer = new Lexer(host);
    }

    private static final class Block {
        final int line;
        boolean taken;      // some branch of this block already ran
        boolean active;     // the current branch runs
        boolean seenElse;
        final boolean parentActive;

        Block(int line, boolean parentActive) {
            this.line = line;
            this.parentActive = parentActive;
        }
    }

    List<Line> activeLines(String file, List<String> raw, Consumer<Diagnostic> report) {
        List<Line> out = new ArrayList<>();
        Deque<Block> stack = new ArrayDeque<>();
        boolean nestingReported = false;
        for (int i = 0; i < raw.size(); i++) {
            Line line = lexer.tokenize(file, i + 1, raw.get(i), report);
            if (line.size() == 0) {
                continue;
            }
            boolean active = stack.isEmpty() || stack.peek().active;
            String kw = line.words().get(0).quoted() ? "" : line.keyword();
            switch (kw) {
                case ".if" -> {
                    if (stack.size() >= MAX_NESTING && !nestingReported) {
                        nestingReported = true;
                        report.accept(line.at(0, Severity.ERROR, "too many nested '.if' blocks; at most "
                                + MAX_NESTING + " are allowed", null));
                        // Count it anyway so its .endif still matches.
                    }
                    Block b = new Block(line.number(), active);
                    if (active) {
                        b.active = condition(line, report);
                        b.taken = b.active;
                    }
                    stack.push(b);
                }
                case ".elif" -> {
                    Block b = stack.peek();
                    if (b == null) {
                        report.accept(line.at(0, Severity.ERROR, "'.elif' without a matching '.if'", null));
                    } else if (b.seenElse) {
                        report.accept(line.at(0, Severity.ERROR, "'.elif' after '.else' is not allowed (the '.if' is at line "
                                + b.line + ")", "move this branch before the '.else'"));
                        b.active = false;
                    } else if (b.parentActive && !b.taken) {
                        b.active = condition(line, report);
                        b.taken = b.active;
                    } else {
                        b.active = false;
                    }
                }
                case ".else" -> {
                    Block b = stack.peek();
                    if (b == null) {
                        report.accept(line.at(0, Severity.ERROR, "'.else' without a matching '.if'", null));
                    } else if (b.seenElse) {
                        report.accept(line.at(0, Severity.ERROR, "a second '.else' in the '.if' block at line "
                                + b.line, null));
                        b.active = false;
                    } else {
                        b.seenElse = true;
                        b.active = b.parentActive && !b.taken;
                        b.taken = true;
                    }
                }
                case ".endif" -> {
                    if (stack.isEmpty()) {
                        report.accept(line.at(0, Severity.ERROR, "'.endif' without a matching '.if'", null));
                    } else {
                        stack.pop();
                    }
                }
                case ".notice", ".warning", ".alert", ".diag" -> {
                    if (active) {
                        Severity s = switch (kw) {
                            case ".alert" -> Severity.ERROR;
                            case ".warning" -> Severity.WARNING;
                            default -> Severity.NOTICE;
                        };
                        report.accept(line.at(0, s, line.join(1), null));
                    }
                }
                default -> {
                    if (active) {
                        if (kw.startsWith(".")) {
                            report.accept(line.at(0, Severity.ERROR, "unknown directive '" + kw + "'"
                                    + Suggestions.didYouMean(kw, List.of(".if", ".elif", ".else", ".endif", ".notice",
                                            ".warning", ".alert", ".diag")), null));
                        } else {
                            out.add(line);
                        }
                    }
                }
            }
        }
        for (Block b : stack) {
            report.accept(new Diagnostic(file, b.line, 1, Severity.ERROR, "'.if' is never closed: end of file reached",
                    "add '.endif' after the block"));
        }
        return out;
    }

    private boolean condition(Line line, Consumer<Diagnostic> report) {
        if (line.size() < 2) {
            report.accept(line.at(0, Severity.ERROR, "'" + line.keyword() + "' needs a condition", 
                    "e.g. .if defined(VAR) or .if version_atleast(2.4)"));
            return false;
        }
        try {
            return CondExpression.evaluate(line.join(1), host);
        } catch (CondExpression.Invalid e) {
            report.accept(line.at(1, Severity.ERROR, e.getMessage(), null));
            return false;
        }
    }
}
