package dev.tandem.config.haproxy.model;

import java.util.List;

/**
 * A sample expression {@code fetch(args),conv1(args),conv2} (configuration.txt §7.3). Names are
 * validated against the known fetch and converter lists; arguments stay text for the runtime.
 */
public record SampleExpr(Call fetch, List<Call> converters) {

    public SampleExpr {
        converters = List.copyOf(converters);
    }

    public static SampleExpr of(String fetch, String... args) {
        return new SampleExpr(new Call(fetch, List.of(args)), List.of());
    }

    /** A fetch or converter name with its arguments. */
    public record Call(String name, List<String> args) {
        public Call {
            args = List.copyOf(args);
        }
    }
}
