package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.SampleExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code fetch(args),conv(args),...} (configuration.txt §7.3) and checks every name
 * against {@link Vocabulary}. Pure: text in, expression or message out.
 */
final class SampleExprParser {

    /** A bad expression; the message names the offending part and suggests a known name. */
    static final class Invalid extends Exception {
        final String hint;

        Invalid(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }
    }

    private SampleExprParser() {}

    static SampleExpr parse(String text) throws Invalid {
        if (text.isBlank()) {
            throw new Invalid("empty sample expression", "write a fetch such as src or req.hdr(host)");
        }
        List<SampleExpr.Call> calls = new ArrayList<>();
        int pos = 0;
        while (true) {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '(' && text.charAt(pos) != ',') {
                pos++;
            }
            String name = text.substring(start, pos).trim();
            List<String> args = List.of();
            if (pos < text.length() && text.charAt(pos) == '(') {
                int close = closingParen(text, pos);
                if (close < 0) {
                    throw new Invalid("missing ')' after '" + name + "(' in '" + text + "'", null);
                }
                args = splitArgs(text.substring(pos + 1, close));
                pos = close + 1;
                if (pos < text.length() && text.charAt(pos) != ',') {
                    throw new Invalid("unexpected '" + text.substring(pos) + "' after '" + name + "(...)' in '"
                            + text + "'", "separate converters with ','");
                }
            }
            if (name.isEmpty()) {
                throw new Invalid("missing " + (calls.isEmpty() ? "fetch" : "converter") + " name in '" + text + "'",
                        null);
            }
            if (calls.isEmpty()) {
                if (!Vocabulary.isFetch(name)) {
                    String s = Suggestions.closest(name, Vocabulary.FETCHES);
                    throw new Invalid("unknown fetch method '" + name + "'" + (s == null ? "" : "; did you mean '" + s + "'?"),
                            null);
                }
            } else if (!Vocabulary.isConverter(name)) {
                String s = Suggestions.closest(name, Vocabulary.CONVERTERS);
                throw new Invalid("unknown converter '" + name + "'" + (s == null ? "" : "; did you mean '" + s + "'?"),
                        null);
            }
            calls.add(new SampleExpr.Call(name, args));
            if (pos >= text.length()) {
                break;
            }
            pos++; // the ','
            if (pos >= text.length()) {
                throw new Invalid("missing converter name after ',' in '" + text + "'", null);
            }
        }
        return new SampleExpr(calls.get(0), calls.subList(1, calls.size()));
    }

    /** Index of the ')' closing the '(' at {@code open}, or -1. */
    static int closingParen(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitArgs(String inner) {
        if (inner.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                cur.append(inner.charAt(++i));
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        args.add(cur.toString());
        return args;
    }
}
