package dev.tandem.config.haproxy.model;

import java.util.OptionalInt;

/** {@code balance <algorithm>} (configuration.txt §4.2 "balance"); roundrobin is the default. */
public sealed interface Balance {

    record RoundRobin() implements Balance {}

    record StaticRoundRobin() implements Balance {}

    record LeastConn() implements Balance {}

    record First() implements Balance {}

    record Source() implements Balance {}

    /** {@code uri [whole] [path-only] [len n] [depth n]}. */
    record Uri(boolean whole, boolean pathOnly, OptionalInt len, OptionalInt depth) implements Balance {}

    record UrlParam(String param) implements Balance {}

    /** {@code hdr(name)}. */
    record Header(String name) implements Balance {}

    /** {@code random[(draws)]}; draws is 2 by default ("power of two choices"). */
    record Random(int draws) implements Balance {}

    /** {@code hash <expr>}. */
    record Hash(SampleExpr expression) implements Balance {}
}
