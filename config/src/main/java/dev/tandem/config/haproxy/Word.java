package dev.tandem.config.haproxy;

/**
 * One word of a config line after quote and escape processing.
 *
 * @param column 1-based column where the word starts in the raw line
 * @param quoted whether any part of it was quoted or escaped (a quoted "{" is not a brace)
 */
record Word(String text, int column, boolean quoted) {

    boolean is(String s) {
        return !quoted && text.equals(s);
    }
}
