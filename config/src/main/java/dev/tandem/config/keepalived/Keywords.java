package dev.tandem.config.keepalived;

import dev.tandem.config.ClosestWord;
import java.util.Collection;
import java.util.List;

/** Shared checks for a keyword's shape: its argument count, its block, and unknown-keyword errors. */
final class Keywords {

    private Keywords() {}

    /** Reports and returns false unless the statement has at least {@code count} arguments. */
    static boolean needArgs(Statement at, int count, String owner, Diagnostics report) {
        if (at.argCount() >= count) {
            return true;
        }
        report.error(at, prefix(owner) + "Configuration line starting '" + at.text()
                + "' is missing a parameter after keyword '" + at.name() + "'", null);
        return false;
    }

    /** Reports and returns false unless the statement has a block. */
    static boolean needBlock(Statement at, String owner, Diagnostics report) {
        if (at.hasBlock()) {
            return true;
        }
        report.error(at, prefix(owner) + at.name() + " needs a { } block", "write " + at.name() + " { ... }");
        return false;
    }

    /** Reports a block after a keyword that takes none; the block's content is ignored. */
    static void noBlock(Statement at, String owner, Diagnostics report) {
        if (at.hasBlock()) {
            report.error(at, prefix(owner) + at.name() + " does not take a { } block - ignoring the block", null);
        }
    }

    static void unknown(Statement at, String section, Collection<String> known, Diagnostics report) {
        String closest = ClosestWord.nearest(at.name(), known).orElse(null);
        report.error(at, "Unknown keyword '" + at.name() + "'",
                closest == null ? null : "did you mean '" + closest + "'? (closest " + section + " keyword)");
    }

    static void unsupported(Statement at, String owner, Diagnostics report) {
        report.warning(at, prefix(owner) + "'" + at.name() + "' is accepted by keepalived but not supported by Tandem yet - ignored", null);
    }

    static List<String> concat(Collection<String> a, Collection<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).sorted().toList();
    }

    private static String prefix(String owner) {
        return owner == null || owner.isEmpty() ? "" : owner + " ";
    }
}
