package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.LogFormat;
import dev.tandem.config.haproxy.model.LogFormat.Flags;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a log-format string (configuration.txt §8.2.6) into {@link LogFormat}: literal text,
 * {@code %alias}, {@code %{+Q}alias}, {@code %[sample]}, {@code %%}; {@code %{..}o} sets the
 * default flags of every following item.
 */
final class LogFormatParser {

    static final class Invalid extends Exception {
        final String hint;

        Invalid(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }
    }

    private LogFormatParser() {}

    static LogFormat parse(String text) throws Invalid {
        List<LogFormat.Node> nodes = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        Flags defaults = Flags.NONE;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                throw new Invalid("'%' at the end of log-format '" + text + "'", "write '%%' for a literal '%'");
            }
            if (text.charAt(i + 1) == '%') {
                literal.append('%');
                i += 2;
                continue;
            }
            int p = i + 1;
            Flags flags = defaults;
            if (text.charAt(p) == '{') {
                int close = text.indexOf('}', p);
                if (close < 0) {
                    throw new Invalid("missing '}' after '%{' in log-format '" + text + "'", null);
                }
                flags = flags(text.substring(p + 1, close), defaults);
                p = close + 1;
            }
            if (p < n && text.charAt(p) == '[') {
                int close = closingBracket(text, p);
                if (close < 0) {
                    throw new Invalid("missing ']' after '%[' in log-format '" + text + "'",
                            "close the sample expression: %[" + text.substring(p + 1) + "]");
                }
                String expr = text.substring(p + 1, close);
                try {
                    flush(literal, nodes);
                    nodes.add(new LogFormat.Sample(SampleExprParser.parse(expr), flags));
                } catch (SampleExprParser.Invalid e) {
                    throw new Invalid(e.getMessage() + " in log-format '" + text + "'", e.hint);
                }
                i = close + 1;
                continue;
            }
            int start = p;
            while (p < n && Character.isLetter(text.charAt(p))) {
                p++;
            }
            String alias = text.substring(start, p);
            if (alias.isEmpty()) {
                throw new Invalid("'%' must be followed by an alias, '[' or '%' in log-format '" + text + "'",
                        "write '%%' for a literal '%'");
            }
            if (!Vocabulary.ALIASES.contains(alias)) {
                String s = Suggestions.closest(alias, Vocabulary.ALIASES);
                throw new Invalid("no such log-format alias '%" + alias + "'" + (s == null ? "" : "; did you mean '%" + s + "'?"),
                        "write '%%' for a literal '%'");
            }
            if (alias.equals("o")) {
                defaults = flags;
            } else {
                flush(literal, nodes);
                nodes.add(new LogFormat.Alias(alias, flags));
            }
            i = p;
        }
        flush(literal, nodes);
        return new LogFormat(text, nodes);
    }

    private static int closingBracket(String text, int open) {
        int depth = 0;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ']' && depth <= 0) {
                return i;
            }
        }
        return -1;
    }

    private static Flags flags(String spec, Flags base) throws Invalid {
        boolean q = base.quote();
        boolean e = base.escape();
        boolean x = base.hex();
        int i = 0;
        while (i < spec.length()) {
            char sign = spec.charAt(i);
            if (sign == ',') {
                i++;
                continue;
            }
            if (sign != '+' && sign != '-') {
                throw new Invalid("invalid log-format flags '{" + spec + "}'", "write e.g. %{+Q} or %{-Q}");
            }
            int j = i + 1;
            while (j < spec.length() && Character.isLetter(spec.charAt(j))) {
                j++;
            }
            String name = spec.substring(i + 1, j);
            boolean on = sign == '+';
            switch (name) {
                case "Q" -> q = on;
                case "E" -> e = on;
                case "X" -> x = on;
                default -> throw new Invalid("unknown log-format flag '" + sign + name + "'", "known flags are +Q, +E and +X");
            }
            i = j;
        }
        return new Flags(q, e, x);
    }

    private static void flush(StringBuilder literal, List<LogFormat.Node> nodes) {
        if (!literal.isEmpty()) {
            nodes.add(new LogFormat.Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    /** The formats of {@code option httplog}, {@code httplog clf} and {@code tcplog} (configuration.txt §8.2). */
    static final String HTTPLOG = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";
    static final String HTTPLOG_CLF = "%{+Q}o %{-Q}ci - - [%trg] %r %ST %B \"\" \"\" %cp %ms %ft %b %s %TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl";
    static final String TCPLOG = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq";

    static LogFormat builtin(String format) {
        try {
            return parse(format);
        } catch (Invalid e) {
            throw new AssertionError(format, e);
        }
    }
}
