package dev.tandem.config.haproxy;

import dev.tandem.config.HostFacts;

/**
 * haproxy's {@code -cc <cond>} (management.txt §2): the {@code .if} expression language, evaluated
 * on the command line. Same evaluator as the configuration's conditional blocks.
 */
public final class HaproxyCondition {
    private HaproxyCondition() {}

    /** The outcome of {@code -cc}: exit 0 when true, 1 when false, 2 when the expression is invalid. */
    public record Outcome(int exitCode, String error) {}

    public static Outcome evaluate(String expression, HostFacts host) {
        try {
            return new Outcome(CondExpression.evaluate(expression, host) ? 0 : 1, null);
        } catch (CondExpression.Invalid e) {
            return new Outcome(2, e.getMessage());
        }
    }
}
