package dev.tandem.config.haproxy;

import dev.tandem.config.HostFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Evaluates the expression of a {@code .if}/{@code .elif} line (configuration.txt §2.4):
 * predicates {@code defined(VAR)}, {@code feature(X)}, {@code streq(a,b)}, {@code strneq(a,b)},
 * {@code version_atleast(v)}, {@code version_before(v)}, numbers (non-zero is true), the empty
 * string (false), {@code !}, {@code &&}, {@code ||} and parentheses.
 */
final class CondExpression {

    /** Thrown inside the evaluator only; the caller turns it into a diagnostic. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static final List<String> PREDICATES = List.of("defined", "feature", "streq", "strneq", "version_atleast",
            "version_before", "openssl_version_atleast", "openssl_version_before", "ssllib_name_startswith", "enabled");

    /** What Tandem is built with, as haproxy -vv would list it. */
    static final Set<String> FEATURES = Set.of("THREAD", "TPROXY", "LINUX_TPROXY", "LINUX_SPLICE", "OPENSSL", "EPOLL");

    private static final int MAX_DEPTH = 64;

    private final HostFacts host;
    private final String text;
    private int pos;
    private int depth;

    private CondExpression(HostFacts host, String text) {
        this.host = host;
        this.text = text;
    }

    static boolean evaluate(String text, HostFacts host) throws Invalid {
        CondExpression e = new CondExpression(host, text);
        e.skipSpaces();
        if (e.pos == text.length()) {
            return false;
        }
        boolean value = e.or();
        e.skipSpaces();
        if (e.pos != text.length()) {
            throw new Invalid("unexpected '" + text.substring(e.pos) + "' in condition '" + text + "'");
        }
        return value;
    }

    private boolean or() throws Invalid {
        boolean v = and();
        while (consume("||")) {
            boolean r = and();
            v = v || r;
        }
        return v;
    }

    private boolean and() throws Invalid {
        boolean v = term();
        while (consume("&&")) {
            boolean r = term();
            v = v && r;
        }
        return v;
    }

    private boolean term() throws Invalid {
        if (++depth > MAX_DEPTH) {
            throw new Invalid("condition nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
        try {
            skipSpaces();
            if (consume("!")) {
                return !term();
            }
            if (consume("(")) {
                boolean v = or();
                if (!consume(")")) {
                    throw new Invalid("missing ')' in condition '" + text + "'");
                }
                return v;
            }
            int start = pos;
            while (pos < text.length() && isWordChar(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == '(') {
                return predicate(word, arguments());
            }
            if (word.isEmpty()) {
                throw new Invalid("expected a predicate or a number in condition '" + text + "'");
            }
            try {
                return Long.parseLong(word) != 0;
            } catch (NumberFormatException e) {
                throw new Invalid("unknown term '" + word + "' in condition; expected one of " + PREDICATES
                        + " or a number");
            }
        } finally {
            depth--;
        }
    }

    private List<String> arguments() throws Invalid {
        pos++;
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == ')') {
                args.add(cur.toString().trim());
                return args;
            }
            if (c == ',') {
                args.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        throw new Invalid("missing ')' in condition '" + text + "'");
    }

    private boolean predicate(String name, List<String> args) throws Invalid {
        return switch (name) {
            case "defined" -> host.env(one(name, args)).isPresent();
            case "feature" -> FEATURES.contains(one(name, args));
            case "enabled" -> {
                one(name, args);
                yield true;
            }
            case "streq" -> two(name, args, true);
            case "strneq" -> two(name, args, false);
            case "version_atleast" -> version(name, args).compareTo(CompatVersion.TANDEM) <= 0;
            case "version_before" -> version(name, args).compareTo(CompatVersion.TANDEM) > 0;
            // Tandem's TLS is the JDK's, not OpenSSL: version tests are false, like a non-OpenSSL build.
            case "openssl_version_atleast", "openssl_version_before", "ssllib_name_startswith" -> {
                one(name, args);
                yield false;
            }
            default -> throw new Invalid("unknown predicate '" + name + "()' in condition"
                    + Suggestions.didYouMean(name, PREDICATES));
        };
    }

    private CompatVersion version(String name, List<String> args) throws Invalid {
        String v = one(name, args);
        CompatVersion parsed = CompatVersion.parse(v);
        if (parsed == null) {
            throw new Invalid("invalid version '" + v + "' in " + name + "()");
        }
        return parsed;
    }

    private static String one(String name, List<String> args) throws Invalid {
        if (args.size() != 1 || args.get(0).isEmpty()) {
            throw new Invalid(name + "() takes exactly one argument");
        }
        return args.get(0);
    }

    private static boolean two(String name, List<String> args, boolean equal) throws Invalid {
        if (args.size() != 2) {
            throw new Invalid(name + "() takes exactly two arguments");
        }
        return args.get(0).equals(args.get(1)) == equal;
    }

    private boolean consume(String token) {
        skipSpaces();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }
}
