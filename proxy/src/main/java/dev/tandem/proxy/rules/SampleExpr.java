package dev.tandem.proxy.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A sample expression {@code fetch(arg,...),conv(arg,...),...} (configuration.txt §7.3).
 * Parsing splits on commas outside parentheses; arguments are kept as text.
 */
public record SampleExpr(Call fetch, List<Call> converters) {

    /** One fetch or converter with its arguments. */
    public record Call(String name, List<String> args) {
        public Call {
            args = List.copyOf(args);
        }
    }

    public SampleExpr {
        converters = List.copyOf(converters);
    }

    /** Parses the text; throws {@link RuleSyntaxException} with a readable message when malformed. */
    public static SampleExpr parse(String text) {
        List<Call> calls = new ArrayList<>();
        int i = 0;
        String s = text.strip();
        if (s.isEmpty()) {
            throw new RuleSyntaxException("empty sample expression");
        }
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && s.charAt(i) != '(' && s.charAt(i) != ',') {
                i++;
            }
            String name = s.substring(start, i).strip();
            if (name.isEmpty()) {
                throw new RuleSyntaxException("missing fetch or converter name in '" + text + "'");
            }
            List<String> args = new ArrayList<>();
            if (i < s.length() && s.charAt(i) == '(') {
                i++;
                StringBuilder arg = new StringBuilder();
                int depth = 0;
                boolean closed = false;
                while (i < s.length()) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < s.length()) {
                        arg.append(s.charAt(i++));
                    } else if (c == '(') {
                        depth++;
                        arg.append(c);
                    } else if (c == ')' && depth > 0) {
                        depth--;
                        arg.append(c);
                    } else if (c == ')') {
                        args.add(arg.toString());
                        closed = true;
                        break;
                    } else if (c == ',' && depth == 0) {
                        args.add(arg.toString());
                        arg.setLength(0);
                    } else {
                        arg.append(c);
                    }
                }
                if (!closed) {
                    throw new RuleSyntaxException("missing closing parenthesis in '" + text + "'");
                }
                if (args.size() == 1 && args.getFirst().isEmpty()) {
                    args.clear();
                }
            }
            calls.add(new Call(name, args));
            if (i < s.length()) {
                if (s.charAt(i) != ',') {
                    throw new RuleSyntaxException("unexpected '" + s.charAt(i) + "' in '" + text + "'");
                }
                i++;
            }
        }
        return new SampleExpr(calls.getFirst(), calls.subList(1, calls.size()));
    }

    /**
     * Fetches then converts; null when the fetch has no value (haproxy: "no sample"). A converter
     * that cannot convert this value (b64dec of non-base64 text, add of a non-number, field out of
     * range ...) also yields no sample, as in haproxy (configuration.txt §7.3.1): the value comes
     * from the client, so it must never fail the stream.
     */
    public String evaluate(TransactionView tx) {
        String value = Fetches.fetch(fetch, tx);
        for (Call conv : converters) {
            if (value == null) {
                return null;
            }
            try {
                value = Converters.apply(conv, value, tx);
            } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
                return null;
            }
        }
        return value;
    }
}
