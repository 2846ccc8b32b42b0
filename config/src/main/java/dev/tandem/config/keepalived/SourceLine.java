package dev.tandem.config.keepalived;

import java.util.List;

/**
 * A line as the parser sees it: comments, {@code @id} conditions, {@code $NAME} definitions and
 * includes already handled, braces split out as words of their own.
 */
record SourceLine(String file, int line, List<Word> words) {

    SourceLine {
        words = List.copyOf(words);
    }
}
