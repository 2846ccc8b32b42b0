package dev.tandem.config.haproxy;

import dev.tandem.config.HostFacts;
import java.util.Optional;

/**
 * A {@code .if} condition evaluated on its own, for {@code haproxy -cc '<cond>'} (management.txt
 * §2: exit 0 when true, 1 when false, 2 on error). Same predicates and version (2.6.0) as the
 * config's conditional blocks.
 */
public final class HaproxyCondition {

    /**
     * @param value the condition's value; false when there is an error
     * @param error what is wrong with the expression, empty when it evaluated
     */
    public record Outcome(boolean value, Optional<String> error) {

        /** haproxy -cc exit status: 0 true, 1 false, 2 error. */
        public int exitStatus() {
            return error.isPresent() ? 2 : value ? 0 : 1;
        }
    }

    private HaproxyCondition() {}

    public static Outcome evaluate(String expression, HostFacts host) {
        try {
            return new Outcome(CondExpression.evaluate(expression, host), Optional.empty());
        } catch (CondExpression.Invalid e) {
            return new Outcome(false, Optional.of(e.getMessage()));
        }
    }
}
