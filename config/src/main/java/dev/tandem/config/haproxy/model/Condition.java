package dev.tandem.config.haproxy.model;

import java.util.List;

/**
 * {@code if|unless <terms>}: terms are ANDed, {@code ||} separates OR groups
 * (configuration.txt §7.2). {@code unless} negates the whole result.
 */
public record Condition(boolean unless, List<List<AclTerm>> anyOf) {
    public Condition {
        anyOf = anyOf.stream().map(List::copyOf).toList();
    }

    /**
     * One term: a named ACL or an anonymous {@code { ... }} one, possibly negated with {@code !}.
     *
     * @param name the ACL name, or "" for an anonymous ACL
     * @param inline the tests of an anonymous ACL; empty for a named one
     */
    public record AclTerm(boolean negated, String name, List<AclTest> inline) {
        public AclTerm {
            inline = List.copyOf(inline);
        }

        public boolean isAnonymous() {
            return name.isEmpty();
        }
    }
}
