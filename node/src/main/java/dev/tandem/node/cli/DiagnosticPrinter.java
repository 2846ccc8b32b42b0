package dev.tandem.node.cli;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import java.io.PrintWriter;
import java.util.List;

/** Prints diagnostics for people: Tandem's own format, or haproxy's for {@code tandem haproxy -c}. */
final class DiagnosticPrinter {
    private DiagnosticPrinter() {}

    /** {@code file:line: severity: message} and a hint line, then a one-line verdict. */
    static void printTandem(List<Diagnostic> diagnostics, PrintWriter out) {
        for (Diagnostic d : diagnostics) {
            out.println(d.format());
        }
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
        if (errors > 0) {
            out.println("Configuration has " + errors + " error(s) and " + warnings + " warning(s): it would not run.");
        } else {
            out.println("Configuration is valid (" + warnings + " warning(s)).");
        }
        out.flush();
    }

    /**
     * haproxy 2.6's layout ({@code [ALERT]    (pid) : config : parsing [file:line] : message}), so that
     * scripts and VTest's {@code -conf-BAD} expectations written against haproxy keep matching.
     */
    static void printHaproxy(List<Diagnostic> diagnostics, PrintWriter err) {
        long pid = ProcessHandle.current().pid();
        for (Diagnostic d : diagnostics) {
            String level = switch (d.severity()) {
                case ERROR -> "[ALERT]   ";
                case WARNING -> "[WARNING] ";
                case NOTICE -> "[NOTICE]  ";
            };
            String where = d.line() > 0 ? "parsing [" + d.file() + ":" + d.line() + "] : " : "'" + d.file() + "' : ";
            err.println(level + " (" + pid + ") : config : " + where + d.message());
            if (d.hint() != null) {
                err.println("           | " + d.hint());
            }
        }
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            err.println("[ALERT]    (" + pid + ") : config : Fatal errors found in configuration.");
        }
        err.flush();
    }
}
