package dev.tandem.config;

import java.util.Objects;

/**
 * One problem found in a configuration file. Diagnostics are data: parsers collect them, tests
 * compare them as values, and the CLI prints them with {@link #format()}.
 *
 * @param file the file as the user named it (or as an include resolved it)
 * @param line 1-based line, 0 when the problem is not tied to a line (a missing file)
 * @param column 1-based column of the offending token, 0 when unknown
 * @param severity error, warning or notice
 * @param message what is wrong, naming the token
 * @param hint what to write instead, or null when there is nothing to show
 */
public record Diagnostic(String file, int line, int column, Severity severity, String message, String hint) {

    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(String file, int line, String message) {
        return new Diagnostic(file, line, 0, Severity.ERROR, message, null);
    }

    public static Diagnostic warning(String file, int line, String message) {
        return new Diagnostic(file, line, 0, Severity.WARNING, message, null);
    }

    public static Diagnostic notice(String file, int line, String message) {
        return new Diagnostic(file, line, 0, Severity.NOTICE, message, null);
    }

    public Diagnostic withHint(String newHint) {
        return new Diagnostic(file, line, column, severity, message, newHint);
    }

    public Diagnostic withColumn(int newColumn) {
        return new Diagnostic(file, line, newColumn, severity, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code file:line: severity: message}, followed by an indented {@code hint:} line when there
     * is a fix to show. The column is not printed: editors jump to file:line, and haproxy -c and
     * keepalived -t print lines only.
     */
    public String format() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ").append(severity.label()).append(": ").append(message);
        if (hint != null) {
            out.append(System.lineSeparator()).append("    hint: ").append(hint);
        }
        return out.toString();
    }
}
