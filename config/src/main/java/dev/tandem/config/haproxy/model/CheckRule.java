package dev.tandem.config.haproxy.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One {@code http-check} or {@code tcp-check} line. */
public sealed interface CheckRule {

    Origin origin();

    /** {@code http-check send [meth M] [uri U] [ver V] [hdr N V]* [body B]}. */
    record HttpSend(String method, String uri, String version, List<Header> headers, String body, Origin origin)
            implements CheckRule {
        public HttpSend {
            headers = List.copyOf(headers);
        }
    }

    record Header(String name, String value) {}

    /**
     * {@code http-check expect [!] status|rstatus|string|rstring <pattern>} and the tcp-check
     * equivalents ({@code string}, {@code rstring}, {@code binary}).
     */
    record Expect(boolean negated, String matcher, String pattern, Origin origin) implements CheckRule {}

    /**
     * {@code http-check expect [!] hdr|fhdr name [-m <meth>] <fmt> [value [-m <meth>] <fmt>]}
     * (configuration.txt "http-check expect"): a response header whose name, and value when
     * given, match. {@code fhdr} matches the full value instead of each comma-separated one.
     *
     * @param nameMethod/valueMethod str (the default), beg, end, sub or reg
     */
    record ExpectHeader(boolean negated, boolean fullValue, String name, String nameMethod, Optional<String> value,
            String valueMethod, Origin origin) implements CheckRule {}

    /** {@code tcp-check connect [port N] [ssl] [send-proxy]}. */
    record TcpConnect(OptionalInt port, boolean ssl, boolean sendProxy, Origin origin) implements CheckRule {}

    /** {@code tcp-check send <data>} / {@code send-binary <hex>}. */
    record TcpSend(String data, boolean binary, Origin origin) implements CheckRule {}
}
