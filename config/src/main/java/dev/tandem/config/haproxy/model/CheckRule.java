package dev.tandem.config.haproxy.model;

import java.util.List;
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

    /** {@code tcp-check connect [port N] [ssl] [send-proxy]}. */
    record TcpConnect(OptionalInt port, boolean ssl, boolean sendProxy, Origin origin) implements CheckRule {}

    /** {@code tcp-check send <data>} / {@code send-binary <hex>}. */
    record TcpSend(String data, boolean binary, Origin origin) implements CheckRule {}
}
