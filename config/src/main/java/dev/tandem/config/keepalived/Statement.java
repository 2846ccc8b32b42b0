package dev.tandem.config.keepalived;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A keyword with its arguments and, for {@code keyword ... { ... }}, the statements of its block.
 * Inside value blocks (virtual_ipaddress, group, ...) each line is a statement whose keyword is
 * the first value.
 *
 * @param block the block's statements, or null when the keyword has no block
 */
record Statement(Word keyword, List<Word> args, List<Statement> block, String file, int line) {

    Statement {
        args = List.copyOf(args);
        block = block == null ? null : List.copyOf(block);
    }

    String name() {
        return keyword.text();
    }

    boolean hasBlock() {
        return block != null;
    }

    int argCount() {
        return args.size();
    }

    String arg(int index) {
        return args.get(index).text();
    }

    /** The keyword and its arguments as written, for messages. */
    String text() {
        return keyword.text() + args.stream().map(w -> " " + w.text()).collect(Collectors.joining());
    }

    /** Keyword plus arguments as one word list (a value-block line). */
    List<Word> words() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(keyword), args.stream()).toList();
    }
}
