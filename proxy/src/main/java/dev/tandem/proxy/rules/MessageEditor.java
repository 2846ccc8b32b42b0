package dev.tandem.proxy.rules;

import java.util.List;
import java.util.Map;

/** The mutable side of a request or response, as http-request/http-response actions see it. */
public interface MessageEditor {

    List<Map.Entry<String, String>> headers();

    void addHeader(String name, String value);

    /** Removes every header whose name equals {@code name} without case. */
    void removeHeader(String name);

    /** Replaces all header lines with {@code headers}, order kept. */
    void replaceHeaders(List<Map.Entry<String, String>> headers);

    String uri();

    void setUri(String uri);

    void setMethod(String method);

    Map<String, String> vars();
}
