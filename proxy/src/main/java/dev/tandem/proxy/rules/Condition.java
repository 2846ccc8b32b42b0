package dev.tandem.proxy.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code if}/{@code unless} condition: terms joined by implicit AND, groups by {@code ||} or
 * {@code or}, each term a named ACL (all its declarations ORed), {@code !} negation, or an
 * anonymous ACL in braces (configuration.txt §7.2).
 */
public record Condition(boolean unless, List<List<Term>> anyOf) {

    /** A possibly negated reference to ACL declarations sharing one name. */
    public record Term(boolean negated, List<Acl> acls) {
        public Term {
            acls = List.copyOf(acls);
        }

        boolean test(TransactionView tx) {
            boolean hit = false;
            for (Acl acl : acls) {
                if (acl.matches(tx)) {
                    hit = true;
                    break;
                }
            }
            return negated != hit;
        }
    }

    public static final Condition ALWAYS = new Condition(false, List.of());

    public Condition {
        anyOf = anyOf.stream().map(List::copyOf).toList();
    }

    /**
     * Parses from the words after "if"/"unless" (the keyword included as first word). Named ACLs
     * are looked up in {@code named}; an unknown name is an error, as in haproxy.
     */
    public static Condition parse(List<String> words, Map<String, List<Acl>> named, Path base) {
        if (words.isEmpty()) {
            return ALWAYS;
        }
        boolean unless = switch (words.getFirst()) {
            case "if" -> false;
            case "unless" -> true;
            default -> throw new RuleSyntaxException("expected 'if' or 'unless' but got '" + words.getFirst() + "'");
        };
        if (words.size() == 1) {
            throw new RuleSyntaxException("missing condition after '" + words.getFirst() + "'");
        }
        List<List<Term>> groups = new ArrayList<>();
        List<Term> current = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("||") || w.equals("or")) {
                if (current.isEmpty()) {
                    throw new RuleSyntaxException("'" + w + "' without a left operand");
                }
                groups.add(current);
                current = new ArrayList<>();
                continue;
            }
            boolean negated = false;
            while (w.startsWith("!")) {
                negated = !negated;
                w = w.substring(1);
                if (w.isEmpty()) {
                    if (++i >= words.size()) {
                        throw new RuleSyntaxException("'!' at the end of a condition");
                    }
                    w = words.get(i);
                }
            }
            if (w.equals("{")) {
                int close = words.indexOf("}");
                int end = -1;
                for (int j = i + 1; j < words.size(); j++) {
                    if (words.get(j).equals("}")) {
                        end = j;
                        break;
                    }
                }
                if (end < 0 || close < 0) {
                    throw new RuleSyntaxException("missing '}' after anonymous ACL");
                }
                Acl acl = Acl.parse("anonymous", words.subList(i + 1, end), base);
                current.add(new Term(negated, List.of(acl)));
                i = end;
            } else if (w.equals("TRUE") || w.equals("FALSE")) {
                Acl acl = Acl.parse(w, List.of(w.equals("TRUE") ? "always_true" : "always_false"), base);
                current.add(new Term(negated, List.of(acl)));
            } else {
                List<Acl> acls = named.get(w);
                if (acls == null) {
                    throw new RuleSyntaxException("no such ACL : '" + w + "'");
                }
                current.add(new Term(negated, acls));
            }
        }
        if (current.isEmpty()) {
            throw new RuleSyntaxException("condition ends with '||'");
        }
        groups.add(current);
        return new Condition(unless, groups);
    }

    public boolean test(TransactionView tx) {
        if (anyOf.isEmpty()) {
            return true;
        }
        boolean result = false;
        for (List<Term> group : anyOf) {
            boolean all = true;
            for (Term t : group) {
                if (!t.test(tx)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                result = true;
                break;
            }
        }
        return unless != result;
    }
}
