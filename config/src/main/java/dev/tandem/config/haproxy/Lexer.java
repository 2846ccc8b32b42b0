package dev.tandem.config.haproxy;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits one haproxy.cfg line into words (configuration.txt §2.2 quoting and escaping, §2.3
 * environment variables): spaces separate words, {@code #} starts a comment, single quotes
 * protect everything, double quotes protect spaces and expand {@code $VAR}, {@code ${VAR}} and
 * {@code ${VAR-default}}, a backslash escapes the next character outside single quotes.
 */
final class Lexer {

    /** haproxy's MAX_LINE_ARGS: more words on one line is an error there too. */
    static final int MAX_WORDS = 64;

    private final HostFacts host;

    Lexer(HostFacts host) {
        this.host = host;
    }

    /** The line's words; empty for blank and comment lines. Problems go to {@code report}. */
    Line tokenize(String file, int number, String raw, Consumer<Diagnostic> report) {
        List<Word> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int start = 0;
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                if (inWord) {
                    words.add(new Word(cur.toString(), start + 1, quoted));
                    cur.setLength(0);
                    inWord = false;
                    quoted = false;
                    if (words.size() > MAX_WORDS) {
                        break; // enough to report; the rest of a hostile line is not worth holding
                    }
                }
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            if (!inWord) {
                inWord = true;
                start = i;
            }
            if (c == '\'') {
                int close = raw.indexOf('\'', i + 1);
                if (close < 0) {
                    report.accept(new Diagnostic(file, number, i + 1, Severity.ERROR,
                            "unmatched single quote at column " + (i + 1),
                            "close the quote with ' before the end of the line"));
                    return new Line(file, number, List.of());
                }
                cur.append(raw, i + 1, close);
                quoted = true;
                i = close + 1;
                continue;
            }
            if (c == '"') {
                int end = doubleQuoted(file, number, raw, i, cur, report);
                if (end < 0) {
                    return new Line(file, number, List.of());
                }
                quoted = true;
                i = end;
                continue;
            }
            if (c == '\\') {
                int next = escape(file, number, raw, i, cur, report);
                if (next < 0) {
                    return new Line(file, number, List.of());
                }
                quoted = true;
                i = next;
                continue;
            }
            cur.append(c);
            i++;
        }
        if (inWord) {
            words.add(new Word(cur.toString(), start + 1, quoted));
        }
        if (words.size() > MAX_WORDS) {
            report.accept(new Diagnostic(file, number, words.get(MAX_WORDS).column(), Severity.ERROR,
                    "too many words on one line; at most " + MAX_WORDS + " are allowed",
                    "split the rule over several lines"));
            return new Line(file, number, List.of());
        }
        return new Line(file, number, words);
    }

    /** Consumes a double-quoted part starting at {@code open}; returns the index after it, or -1. */
    private int doubleQuoted(String file, int number, String raw, int open, StringBuilder cur,
            Consumer<Diagnostic> report) {
        int i = open + 1;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = escape(file, number, raw, i, cur, report);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '$') {
                i = variable(file, number, raw, i, cur, report);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            cur.append(c);
            i++;
        }
        report.accept(new Diagnostic(file, number, open + 1, Severity.ERROR,
                "unmatched double quote at column " + (open + 1),
                "close the quote with \" before the end of the line"));
        return -1;
    }

    /** Consumes a backslash escape at {@code i}; returns the index after it, or -1 after an error. */
    private static int escape(String file, int number, String raw, int i, StringBuilder cur,
            Consumer<Diagnostic> report) {
        if (i + 1 >= raw.length()) {
            cur.append('\\');
            return i + 1;
        }
        char e = raw.charAt(i + 1);
        switch (e) {
            case ' ', '#', '\\', '\'', '"', '$' -> cur.append(e);
            case 't' -> cur.append('\t');
            case 'r' -> cur.append('\r');
            case 'n' -> cur.append('\n');
            case 'x' -> {
                if (i + 3 < raw.length() && hex(raw.charAt(i + 2)) >= 0 && hex(raw.charAt(i + 3)) >= 0) {
                    cur.append((char) (hex(raw.charAt(i + 2)) * 16 + hex(raw.charAt(i + 3))));
                    return i + 4;
                }
                String seen = raw.substring(i, Math.min(raw.length(), i + 4));
                report.accept(new Diagnostic(file, number, i + 1, Severity.ERROR,
                        "truncated or invalid hexadecimal sequence '" + seen + "'",
                        "write \\x followed by exactly two hexadecimal digits, e.g. \\x20"));
                return -1;
            }
            // haproxy keeps unknown escapes as they are, so regexes like \d survive unquoted.
            default -> cur.append('\\').append(e);
        }
        return i + 2;
    }

    private int variable(String file, int number, String raw, int i, StringBuilder cur, Consumer<Diagnostic> report) {
        int n = raw.length();
        if (i + 1 < n && raw.charAt(i + 1) == '{') {
            int close = raw.indexOf('}', i + 2);
            if (close < 0) {
                report.accept(new Diagnostic(file, number, i + 1, Severity.ERROR,
                        "unmatched brace in environment variable name '" + raw.substring(i) + "'",
                        "write ${NAME} or ${NAME-default}"));
                return -1;
            }
            String body = raw.substring(i + 2, close);
            int j = 0;
            while (j < body.length() && isNameChar(body.charAt(j), j == 0)) {
                j++;
            }
            String name = body.substring(0, j);
            String rest = body.substring(j);
            if (name.isEmpty() || !(rest.isEmpty() || rest.startsWith("-"))) {
                report.accept(new Diagnostic(file, number, i + 1, Severity.ERROR,
                        "invalid environment variable name '${" + body + "}'",
                        "names are letters, digits and '_', not starting with a digit; a default is written ${NAME-default}"));
                return -1;
            }
            String value = host.env(name).orElse(null);
            if (value == null && rest.startsWith("-")) {
                value = rest.substring(1);
            }
            cur.append(value == null ? "" : value);
            return close + 1;
        }
        int j = i + 1;
        while (j < n && isNameChar(raw.charAt(j), j == i + 1)) {
            j++;
        }
        if (j == i + 1) {
            cur.append('$');
            return i + 1;
        }
        cur.append(host.env(raw.substring(i + 1, j)).orElse(""));
        return j;
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
