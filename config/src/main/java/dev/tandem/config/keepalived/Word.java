package dev.tandem.config.keepalived;

/**
 * One word of a keepalived.conf line. A quoted word ({@code "a b"}) keeps its spaces and is never
 * a brace or a keyword separator.
 *
 * @param column 1-based column in the line as written (after an {@code @id} prefix is removed the
 *     column still points into the original line when it can)
 */
record Word(String text, int column, boolean quoted) {

    boolean is(String literal) {
        return !quoted && text.equals(literal);
    }

    boolean isOpenBrace() {
        return is("{");
    }

    boolean isCloseBrace() {
        return is("}");
    }
}
