package dev.tandem.vrrp.track;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a keepalived script string into argv: words separated by blanks, with single or double quotes
 * grouping (keepalived.conf(5) "script"; a quoted notify string may carry its own arguments, keepalived.md §2.1).
 */
public final class CommandLine {
    private CommandLine() {
    }

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in script: " + text);
        }
        if (inWord) {
            out.add(word.toString());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty script");
        }
        return List.copyOf(out);
    }
}
