package dev.tandem.proxy.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A log-format string (configuration.txt §8.2.6): literal text, {@code %alias} log variables and
 * {@code %[sample]} expressions, with {@code %{+Q}} style flags. One renderer serves header values,
 * return bodies and log lines.
 */
public record LogFormat(String text, List<Node> nodes) {

    /** One piece of a format. */
    public sealed interface Node {}

    public record Literal(String text) implements Node {}

    /** {@code %{flags}alias}; {@code quote} is +Q. */
    public record Alias(String name, boolean quote) implements Node {}

    /** {@code %{flags}[expr]}. */
    public record Sample(SampleExpr expr, boolean quote) implements Node {}

    public LogFormat {
        nodes = List.copyOf(nodes);
    }

    /** Aliases known to the renderer; longest first so "%Tr" does not eat "%TR". */
    private static final List<String> ALIASES = List.of(
            "hrl", "hsl", "trg", "trl", "tsc", "HPO", "sslv", "sslc", "pid", "ID",
            "ci", "cp", "fi", "fp", "bi", "bp", "si", "sp", "tr", "Ts", "Tl", "ms", "TR", "Tw", "Tc", "Tr", "Ta",
            "Tt", "Th", "Ti", "Tq", "Td", "Tu", "ST", "CC", "CS", "hr", "hs", "ft", "ts", "ac", "fc", "bc", "sc",
            "rc", "sq", "bq", "HM", "HP", "HQ", "HU", "HV", "rt", "lc",
            "t", "T", "B", "U", "r", "f", "b", "s", "H", "o");

    public static LogFormat parse(String text) {
        List<Node> nodes = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                lit.append(c);
                i++;
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '%') {
                lit.append('%');
                i += 2;
                continue;
            }
            i++;
            boolean quote = false;
            if (i < text.length() && text.charAt(i) == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new RuleSyntaxException("missing '}' in log-format '" + text + "'");
                }
                quote = text.substring(i + 1, end).contains("+Q");
                i = end + 1;
            }
            if (lit.length() > 0) {
                nodes.add(new Literal(lit.toString()));
                lit.setLength(0);
            }
            if (i < text.length() && text.charAt(i) == '[') {
                int depth = 0;
                int j = i;
                for (; j < text.length(); j++) {
                    if (text.charAt(j) == '[') {
                        depth++;
                    } else if (text.charAt(j) == ']' && --depth == 0) {
                        break;
                    }
                }
                if (j >= text.length()) {
                    throw new RuleSyntaxException("missing ']' in log-format '" + text + "'");
                }
                SampleExpr expr = SampleExpr.parse(text.substring(i + 1, j));
                Fetches.check(expr.fetch(), "log-format '" + text + "'");
                for (SampleExpr.Call conv : expr.converters()) {
                    if (!Converters.known(conv.name())) {
                        throw new RuleSyntaxException("unknown converter '" + conv.name() + "' in log-format '" + text
                                + "'");
                    }
                }
                nodes.add(new Sample(expr, quote));
                i = j + 1;
                continue;
            }
            String alias = null;
            for (String a : ALIASES) {
                if (text.startsWith(a, i) && (i + a.length() >= text.length()
                        || !Character.isLetter(text.charAt(i + a.length())) || a.length() > 1)) {
                    alias = a;
                    break;
                }
            }
            if (alias == null) {
                throw new RuleSyntaxException("unknown log-format variable at '%" + text.substring(i) + "'");
            }
            if (!alias.equals("o")) {
                nodes.add(new Alias(alias, quote));
            }
            i += alias.length();
        }
        if (lit.length() > 0) {
            nodes.add(new Literal(lit.toString()));
        }
        return new LogFormat(text, nodes);
    }

    /** A format made of one literal, for values that are not log-format strings. */
    public static LogFormat literal(String text) {
        return new LogFormat(text, List.of(new Literal(text)));
    }

    public boolean isLiteral() {
        return nodes.stream().allMatch(n -> n instanceof Literal);
    }

    /**
     * Renders against the view. An absent sample or alias renders "-" as haproxy does; an alias
     * the view renders as the empty string (captures with no capture configured) is dropped
     * together with the space that follows it, which is how httplog omits {@code %hr %hs}.
     */
    public String render(TransactionView tx) {
        return render(tx, false);
    }

    /** As {@link #render(TransactionView)}, but absent values print "-" as in log lines. */
    public String renderLog(TransactionView tx) {
        return render(tx, true);
    }

    private String render(TransactionView tx, boolean log) {
        StringBuilder out = new StringBuilder();
        boolean skipSpace = false;
        for (Node n : nodes) {
            switch (n) {
                case Literal l -> {
                    String t = l.text();
                    if (skipSpace && t.startsWith(" ")) {
                        t = t.substring(1);
                    }
                    out.append(t);
                    skipSpace = false;
                }
                case Alias a -> {
                    String v = tx.logAlias(a.name());
                    if (v != null && v.isEmpty()) {
                        skipSpace = true;
                        continue;
                    }
                    skipSpace = false;
                    append(out, v, a.quote(), log);
                }
                case Sample s -> {
                    skipSpace = false;
                    append(out, s.expr().evaluate(tx), s.quote(), log);
                }
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String v, boolean quote, boolean log) {
        if (v == null && !log) {
            return;
        }
        if (v == null) {
            out.append(quote ? "\"-\"" : "-");
        } else if (quote) {
            out.append('"').append(v.replace("\"", "\\\"")).append('"');
        } else {
            out.append(v);
        }
    }
}
