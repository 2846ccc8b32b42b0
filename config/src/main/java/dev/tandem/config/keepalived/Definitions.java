package dev.tandem.config.keepalived;

import dev.tandem.config.Diagnostic;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * keepalived's {@code $NAME=value} definitions (keepalived.conf(5), "Definitions"): a value ending
 * in a backslash continues on the next lines (a multi-line definition stands for several lines),
 * and {@code $NAME} or {@code ${NAME}} is replaced anywhere in a later line. Definitions are
 * global: they carry across included files.
 */
final class Definitions {

    private final Map<String, StringBuilder> values = new HashMap<>();
    private StringBuilder continuing;

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Records {@code $NAME = value} and returns true; false when the line is not a definition. */
    boolean define(String text) {
        if (text.length() < 2 || !(Character.isLetter(text.charAt(1)) || text.charAt(1) == '_')) {
            return false;
        }
        int i = 2;
        while (i < text.length() && isNameChar(text.charAt(i))) {
            i++;
        }
        String name = text.substring(1, i);
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '=') {
            return false;
        }
        String value = text.substring(i + 1).strip();
        StringBuilder definition = new StringBuilder();
        if (value.endsWith("\\")) {
            definition.append(value.substring(0, value.length() - 1).stripTrailing());
            continuing = definition;
        } else {
            definition.append(value);
        }
        values.put(name, definition);
        return true;
    }

    /** Whether the previous line ended a definition with a backslash. */
    boolean continuing() {
        return continuing != null;
    }

    /** Adds one (decommented) line to the definition being continued. */
    void continueWith(String text) {
        boolean more = text.endsWith("\\");
        String line = more ? text.substring(0, text.length() - 1).stripTrailing() : text;
        if (!line.isEmpty()) {
            if (!continuing.isEmpty()) {
                continuing.append('\n');
            }
            continuing.append(line);
        }
        if (!more) {
            continuing = null;
        }
    }

    /** A blank line or the end of a file ends a multi-line definition. */
    void endContinuation() {
        continuing = null;
    }

    /**
     * The line with every defined {@code $NAME} / {@code ${NAME}} replaced (longest name wins);
     * undefined names are left as written. Stops growing past {@link KeepalivedLexer#MAX_LINE_LENGTH}.
     */
    String substitute(String text, String file, int line, Consumer<Diagnostic> report) {
        StringBuilder result = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length() && result.length() <= KeepalivedLexer.MAX_LINE_LENGTH) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                result.append(c);
                i++;
                continue;
            }
            if (text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                String name = close < 0 ? "" : text.substring(i + 2, close);
                StringBuilder value = close < 0 ? null : values.get(name);
                if (value != null) {
                    result.append(value);
                    i = close + 1;
                    continue;
                }
                if (close > 0 && isName(name)) {
                    report.accept(Diagnostic.warning(file, line, "definition '" + name
                            + "' is not defined - '${" + name + "}' is left as written")
                            .withHint("define it before use with a line $" + name + "=value"));
                }
                result.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.length() && isNameChar(text.charAt(end))) {
                end++;
            }
            StringBuilder value = end > i + 1 ? values.get(text.substring(i + 1, end)) : null;
            if (value != null) {
                result.append(value);
                i = end;
            } else {
                result.append(c);
                i++;
            }
        }
        return result.toString();
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        return name.chars().allMatch(c -> isNameChar((char) c));
    }
}
