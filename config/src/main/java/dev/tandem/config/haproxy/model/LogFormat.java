package dev.tandem.config.haproxy.model;

import java.util.List;

/**
 * A parsed log-format string (configuration.txt §8.2.6), used by {@code log-format},
 * header values, {@code lf-string}, redirects and {@code unique-id-format}.
 *
 * @param source the string as written (after quote processing)
 */
public record LogFormat(String source, List<Node> nodes) {

    public LogFormat {
        nodes = List.copyOf(nodes);
    }

    public boolean isConstant() {
        return nodes.stream().allMatch(n -> n instanceof Literal);
    }

    public sealed interface Node {}

    /** Text copied as is ({@code %%} already turned into {@code %}). */
    public record Literal(String text) implements Node {}

    /** {@code %ci}, {@code %{+Q}r} ...; flags already include those set by {@code %o}. */
    public record Alias(String name, Flags flags) implements Node {}

    /** {@code %[expr]}. */
    public record Sample(SampleExpr expression, Flags flags) implements Node {}

    /** {@code +Q} quote, {@code +E} escape, {@code +X} hexadecimal. */
    public record Flags(boolean quote, boolean escape, boolean hex) {
        public static final Flags NONE = new Flags(false, false, false);
    }
}
