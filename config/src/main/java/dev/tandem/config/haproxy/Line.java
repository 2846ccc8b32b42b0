package dev.tandem.config.haproxy;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import java.util.List;

/** One logical config line: its words and where it came from, so every diagnostic can point at a word. */
record Line(String file, int number, List<Word> words) {

    Line {
        words = List.copyOf(words);
    }

    int size() {
        return words.size();
    }

    /** The word's text, or "" past the end (haproxy treats missing args as empty strings). */
    String text(int i) {
        return i < words.size() ? words.get(i).text() : "";
    }

    boolean has(int i) {
        return i < words.size();
    }

    String keyword() {
        return text(0);
    }

    /** The words from {@code from} on, joined by one space, as an operator would retype them. */
    String join(int from) {
        return join(from, words.size());
    }

    String join(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < Math.min(to, words.size()); i++) {
            if (i > from) {
                out.append(' ');
            }
            out.append(words.get(i).text());
        }
        return out.toString();
    }

    int column(int i) {
        if (words.isEmpty()) {
            return 0;
        }
        return words.get(Math.min(i, words.size() - 1)).column();
    }

    Diagnostic at(int word, Severity severity, String message, String hint) {
        return new Diagnostic(file, number, column(word), severity, message, hint);
    }
}
