package dev.tandem.config.keepalived;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a notify or track script string into argv the way keepalived does before execve: blanks
 * separate words, single and double quotes group, a backslash escapes the next character. So
 * {@code notify "/x.sh lb1"} runs {@code /x.sh} with argument {@code lb1}.
 */
final class CommandLine {

    private CommandLine() {}

    /** The argv, or an empty list when the string holds no word or leaves a quote open. */
    static List<String> split(String command) {
        List<String> argv = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    argv.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return List.of();
        }
        if (inWord) {
            argv.add(word.toString());
        }
        return argv;
    }
}
