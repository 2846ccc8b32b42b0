package dev.tandem.config.keepalived;

import dev.tandem.config.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * keepalived 2.2.7's line rules (lib/parser.c): {@code #}/{@code !} comments outside quotes,
 * {@code "quoted strings"}, {@code @id} / {@code @^id} conditional lines, {@code $NAME=value}
 * definitions (multi-line with a trailing backslash) substituted as {@code $NAME} or
 * {@code ${NAME}}, and {@code include GLOB} relative to the including file. Braces become words
 * of their own. Everything bad is reported and skipped; nothing loops or throws.
 */
final class KeepalivedLexer {

    /** keepalived has no limit; a real config nests a handful of levels. */
    static final int MAX_INCLUDE_DEPTH = 16;
    static final int MAX_FILES = 256;
    static final int MAX_LINES = 1_000_000;
    static final int MAX_LINE_LENGTH = 64 * 1024;
    static final int MAX_EXPANSION_PASSES = 16;
    /** Lines one written line may expand into; a self-referential multi-line definition grows exponentially. */
    static final int MAX_EXPANDED_LINES = 1000;
    /** Bounds memory on hostile input; a 10,000-instance config has about 200,000 words. */
    static final int MAX_WORDS = 1_000_000;

    private final SourceLoader loader;
    private final String configId;
    private final Consumer<Diagnostic> report;
    private final List<SourceLine> out = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final Definitions definitions = new Definitions();
    private final Deque<Path> includeStack = new ArrayDeque<>();
    private final Deque<String> shownStack = new ArrayDeque<>();
    private Path rootDir;
    private Path rootShownDir;
    private int linesRead;
    private long wordsRead;
    private int expansionsLeft;
    /** One expansion problem per written line is enough; its expansions would repeat it. */
    private boolean expansionReported;
    private boolean budgetReported;

    KeepalivedLexer(SourceLoader loader, String configId, Consumer<Diagnostic> report) {
        this.loader = loader;
        this.configId = configId;
        this.report = report;
    }

    /** The lines of the file and everything it includes, in reading order. */
    List<SourceLine> read(Path file, String shownName) {
        Path absolute = file.toAbsolutePath().normalize();
        rootDir = absolute.getParent();
        rootShownDir = Path.of(shownName).getParent();
        readFile(absolute, shownName);
        return List.copyOf(out);
    }

    /** Every file opened, in the order first opened (for ordering diagnostics). */
    List<String> files() {
        return List.copyOf(files);
    }

    private void readFile(Path path, String shown) {
        if (files.size() >= MAX_FILES) {
            return;
        }
        List<String> lines = loader.load(path, shown, report);
        if (!files.contains(shown)) {
            files.add(shown);
        }
        if (lines == null) {
            return;
        }
        includeStack.push(path);
        shownStack.push(shown);
        try {
            definitions.endContinuation();
            for (int i = 0; i < lines.size(); i++) {
                if (++linesRead > MAX_LINES) {
                    if (!budgetReported) {
                        budgetReported = true;
                        report.accept(Diagnostic.error(shown, i + 1, "more than " + MAX_LINES
                                + " configuration lines in all files - the rest is not read"));
                    }
                    return;
                }
                readLine(lines.get(i), path, shown, i + 1);
            }
            definitions.endContinuation();
        } finally {
            includeStack.pop();
            shownStack.pop();
        }
    }

    private void readLine(String raw, Path path, String shown, int lineNo) {
        if (definitions.continuing()) {
            continueDefinition(raw, shown, lineNo);
            return;
        }
        Decommented line = decomment(raw, shown, lineNo, true);
        if (line == null || line.text.isEmpty()) {
            return;
        }
        expansionsLeft = MAX_EXPANDED_LINES;
        expansionReported = false;
        process(line.text, line.offset, path, shown, lineNo, 0);
    }

    private void expansionProblem(Diagnostic diagnostic) {
        if (!expansionReported) {
            expansionReported = true;
            report.accept(diagnostic);
        }
    }

    private void continueDefinition(String raw, String shown, int lineNo) {
        if (raw.isBlank()) {
            definitions.endContinuation();
            return;
        }
        Decommented line = decomment(raw, shown, lineNo, true);
        if (line == null) {
            definitions.endContinuation();
            return;
        }
        definitions.continueWith(line.text);
    }

    private void process(String text, int offset, Path path, String shown, int lineNo, int pass) {
        if (--expansionsLeft < 0) {
            if (!expansionReported) {
                expansionReported = true;
                report.accept(Diagnostic.error(shown, lineNo, "definitions expand this line into more than "
                        + MAX_EXPANDED_LINES + " lines (a definition refers to itself?) - ignoring the rest")
                        .withHint("make sure no $NAME=... definition uses $NAME in its own value"));
            }
            return;
        }
        while (true) {
            if (text.startsWith("@")) {
                boolean inverted = text.startsWith("@^");
                int idStart = inverted ? 2 : 1;
                int space = firstBlank(text, idStart);
                if (space < 0) {
                    return;
                }
                boolean matches = text.substring(idStart, space).equals(configId);
                // keepalived.conf(5): "@id" lines are used on that node only, "@^id" everywhere else.
                if (matches == inverted) {
                    return;
                }
                int rest = space;
                while (rest < text.length() && isBlank(text.charAt(rest))) {
                    rest++;
                }
                offset += rest;
                text = text.substring(rest);
                if (text.isEmpty()) {
                    return;
                }
            }
            if (text.startsWith("$") && definitions.define(text)) {
                return;
            }
            if (definitions.isEmpty() || text.indexOf('$') < 0) {
                break;
            }
            String expanded = definitions.substitute(text, shown, lineNo, report);
            if (expanded.equals(text)) {
                break;
            }
            if (expanded.length() > MAX_LINE_LENGTH) {
                expansionProblem(Diagnostic.error(shown, lineNo, "line is longer than " + MAX_LINE_LENGTH
                        + " characters after substituting definitions - ignoring it"));
                return;
            }
            if (++pass > MAX_EXPANSION_PASSES) {
                expansionProblem(Diagnostic.error(shown, lineNo, "definitions still expand after "
                        + MAX_EXPANSION_PASSES + " rounds (a definition refers to itself?) - ignoring the line")
                        .withHint("make sure no $NAME=... definition uses $NAME in its own value"));
                return;
            }
            if (expanded.indexOf('\n') >= 0) {
                // A multi-line definition stands for several lines (keepalived.conf(5), "multiline definitions").
                for (String part : expanded.split("\n", -1)) {
                    Decommented piece = decomment(part, shown, lineNo, false);
                    if (piece != null && !piece.text.isEmpty()) {
                        process(piece.text, offset, path, shown, lineNo, pass);
                    }
                }
                return;
            }
            Decommented again = decomment(expanded, shown, lineNo, false);
            if (again == null || again.text.isEmpty()) {
                return;
            }
            text = again.text;
        }
        if (text.startsWith("~SEQ") || text.startsWith("~LST")) {
            report.accept(Diagnostic.error(shown, lineNo, text.substring(0, 4) + " is not supported by Tandem yet"
                    + " - ignoring '" + text + "'").withHint("write the lines the sequence stands for"));
            return;
        }
        if (isInclude(text)) {
            include(text, path, shown, lineNo);
            return;
        }
        if (text.length() > MAX_LINE_LENGTH) {
            report.accept(Diagnostic.error(shown, lineNo, "line is longer than " + MAX_LINE_LENGTH
                    + " characters - ignoring it"));
            return;
        }
        List<Word> words = tokenize(text, offset);
        wordsRead += words.size();
        if (wordsRead > MAX_WORDS) {
            if (!budgetReported) {
                budgetReported = true;
                report.accept(Diagnostic.error(shown, lineNo, "more than " + MAX_WORDS
                        + " words in all files - the rest is not read"));
            }
            return;
        }
        out.add(new SourceLine(shown, lineNo, words));
    }

    private void include(String text, Path path, String shown, int lineNo) {
        String pattern = text.substring(firstBlank(text, 0)).strip();
        if (pattern.length() >= 2 && pattern.startsWith("\"") && pattern.endsWith("\"")) {
            pattern = pattern.substring(1, pattern.length() - 1);
        }
        if (pattern.isEmpty()) {
            report.accept(Diagnostic.error(shown, lineNo, "include without a file name"));
            return;
        }
        Path baseDir = path.getParent() == null ? Path.of("/") : path.getParent();
        Path target;
        try {
            target = baseDir.resolve(pattern).normalize();
        } catch (RuntimeException e) {
            report.accept(Diagnostic.error(shown, lineNo, "include '" + pattern + "' is not a valid path"));
            return;
        }
        if (IncludeGlob.hasWildcard(pattern)) {
            List<Path> matches = loader.glob(target);
            if (matches.isEmpty()) {
                report.accept(Diagnostic.warning(shown, lineNo, "No config files matched '" + pattern + "'."));
                return;
            }
            if (matches.size() > FileSystemSources.MAX_GLOB_MATCHES) {
                report.accept(Diagnostic.error(shown, lineNo, "include '" + pattern + "' matches more than "
                        + FileSystemSources.MAX_GLOB_MATCHES + " files - ignoring it"));
                return;
            }
            for (Path match : matches) {
                includeFile(match, shownFor(shown, baseDir, match), pattern, shown, lineNo);
            }
            return;
        }
        if (!loader.exists(target)) {
            report.accept(Diagnostic.error(shown, lineNo, "include file '" + pattern
                    + "' does not exist (looked for " + shownFor(shown, baseDir, target) + ")")
                    .withHint("fix the path; a relative include is relative to the directory of the including file"));
            return;
        }
        includeFile(target, shownFor(shown, baseDir, target), pattern, shown, lineNo);
    }

    private void includeFile(Path target, String targetShown, String pattern, String shown, int lineNo) {
        if (includeStack.contains(target)) {
            List<String> chain = new ArrayList<>(shownStack.reversed());
            chain.add(targetShown);
            report.accept(Diagnostic.error(shown, lineNo, "include cycle: '" + pattern + "' is already being read ("
                    + String.join(" -> ", chain) + ") - ignoring this include"));
            return;
        }
        if (includeStack.size() > MAX_INCLUDE_DEPTH) {
            report.accept(Diagnostic.error(shown, lineNo, "includes nested more than " + MAX_INCLUDE_DEPTH
                    + " levels deep at '" + pattern + "' - ignoring this include"));
            return;
        }
        if (files.size() >= MAX_FILES) {
            report.accept(Diagnostic.error(shown, lineNo, "more than " + MAX_FILES
                    + " configuration files included - ignoring '" + pattern + "'"));
            return;
        }
        readFile(target, targetShown);
    }

    /** An included file's name as the user would write it: relative to the main file's, as it was shown. */
    private String shownFor(String includerShown, Path baseDir, Path target) {
        if (rootDir == null) {
            return target.toString();
        }
        Path relative;
        try {
            relative = rootDir.relativize(target);
        } catch (IllegalArgumentException e) {
            return target.toString();
        }
        if (relative.startsWith("..") || relative.isAbsolute()) {
            return target.toString();
        }
        return rootShownDir == null ? relative.toString() : rootShownDir.resolve(relative).toString();
    }

    static boolean isInclude(String text) {
        if (!text.startsWith("include") || text.length() < 8) {
            return false;
        }
        if (isBlank(text.charAt(7))) {
            return true;
        }
        return text.length() > 8 && "rmwba".indexOf(text.charAt(7)) >= 0 && isBlank(text.charAt(8));
    }

    /** The text without comment and surrounding blanks; null (reported) when a quote is not closed. */
    private Decommented decomment(String raw, String shown, int lineNo, boolean reportQuote) {
        int start = 0;
        while (start < raw.length() && isBlank(raw.charAt(start))) {
            start++;
        }
        StringBuilder text = new StringBuilder(raw.length() - start);
        boolean quote = false;
        int quoteColumn = 0;
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                quote = !quote;
                quoteColumn = i + 1;
                text.append(c);
            } else if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(i + 1);
                if (!quote && (next == '#' || next == '!')) {
                    text.append(next);
                } else {
                    text.append(c).append(next);
                }
                i++;
            } else if (!quote && (c == '#' || c == '!')) {
                break;
            } else {
                text.append(c);
            }
        }
        if (quote) {
            if (reportQuote) {
                report.accept(new Diagnostic(shown, lineNo, quoteColumn, dev.tandem.config.Severity.ERROR,
                        "Unterminated quote '" + raw.strip() + "'",
                        "close the string with \" on the same line: a quoted string never spans lines"));
            }
            return null;
        }
        trimTrailing(text);
        return new Decommented(text.toString(), start);
    }

    /** Splits a line into words: blanks separate, {@code "..."} is one word, braces stand alone. */
    static List<Word> tokenize(String text, int offset) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int column = offset + i + 1;
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                int end = close < 0 ? n : close;
                words.add(new Word(text.substring(i + 1, end), column, true));
                i = close < 0 ? n : close + 1;
            } else if (c == '{' || c == '}') {
                words.add(new Word(c == '{' ? "{" : "}", column, false));
                i++;
            } else {
                int end = i;
                while (end < n) {
                    char d = text.charAt(end);
                    if (Character.isWhitespace(d) || d == '"' || d == '{' || d == '}') {
                        break;
                    }
                    end++;
                }
                words.add(new Word(text.substring(i, end), column, false));
                i = end;
            }
        }
        return words;
    }

    private static int firstBlank(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (isBlank(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static void trimTrailing(StringBuilder text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        text.setLength(end);
    }

    private record Decommented(String text, int offset) {}

    @Override
    public String toString() {
        return "KeepalivedLexer" + files.stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
