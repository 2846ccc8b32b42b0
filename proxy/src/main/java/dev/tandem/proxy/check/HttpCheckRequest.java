package dev.tandem.proxy.check;

import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.HealthCheck;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The request of an HTTP health check (configuration.txt "option httpchk", "http-check send")
 * and its bytes on the wire as haproxy 2.6 sends them: header names in lower case, a
 * {@code content-length} only when there is a body, {@code connection: close} added on
 * HTTP/1.1 unless a Connection header was given, nothing added on HTTP/1.0 (measured on 2.6.12).
 */
public record HttpCheckRequest(String method, String uri, String version, List<CheckRule.Header> headers,
        String body) {

    public static final HttpCheckRequest DEFAULT = new HttpCheckRequest("OPTIONS", "/", "HTTP/1.0", List.of(), "");

    public HttpCheckRequest {
        headers = List.copyOf(headers);
        body = body == null ? "" : body;
    }

    /**
     * The request of {@code option httpchk [METH] URI [VER]}, VER possibly carrying the 1.x trick
     * {@code "HTTP/1.1\r\nHost: x"} (headers, and after an empty line a body, hidden in the version;
     * the config reader has already turned the escapes into CR LF).
     */
    public static HttpCheckRequest fromOption(HealthCheck.HttpCheckRequest option) {
        String method = blankToNull(option.method());
        String uri = blankToNull(option.uri());
        String version = blankToNull(option.version());
        List<CheckRule.Header> headers = new ArrayList<>();
        String body = "";
        if (version != null) {
            int bodyAt = version.indexOf("\r\n\r\n");
            String head = version;
            if (bodyAt >= 0) {
                body = version.substring(bodyAt + 4);
                head = version.substring(0, bodyAt);
            }
            int headersAt = head.indexOf("\r\n");
            if (headersAt >= 0) {
                for (String line : head.substring(headersAt + 2).split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.add(new CheckRule.Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
                    }
                }
                head = head.substring(0, headersAt);
            }
            version = head;
        }
        return new HttpCheckRequest(method == null ? DEFAULT.method : method, uri == null ? DEFAULT.uri : uri,
                version == null || version.isEmpty() ? DEFAULT.version : version, headers, body);
    }

    /**
     * The request a backend's checks send: {@code option httpchk}'s, with what the first
     * {@code http-check send} line sets taking precedence (tcpcheck.c merges the two).
     */
    public static HttpCheckRequest of(HealthCheck check) {
        HttpCheckRequest base = check.httpRequest().map(HttpCheckRequest::fromOption).orElse(DEFAULT);
        Optional<CheckRule.HttpSend> send = check.rules().stream().filter(CheckRule.HttpSend.class::isInstance)
                .map(CheckRule.HttpSend.class::cast).findFirst();
        if (send.isEmpty()) {
            return base;
        }
        CheckRule.HttpSend s = send.get();
        List<CheckRule.Header> headers = new ArrayList<>(base.headers);
        headers.addAll(s.headers());
        return new HttpCheckRequest(orElse(s.method(), base.method), orElse(s.uri(), base.uri),
                orElse(s.version(), base.version), headers, orElse(s.body(), base.body));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private boolean isHttp11() {
        return !version.equalsIgnoreCase("HTTP/1.0");
    }

    /** The bytes to write on the check connection. */
    public byte[] encode() {
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(uri).append(' ').append(version).append("\r\n");
        String connection = null;
        for (CheckRule.Header h : headers) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (name.equals("connection")) {
                connection = h.value();
                continue;
            }
            if (name.equals("content-length")) {
                continue;
            }
            b.append(name).append(": ").append(h.value()).append("\r\n");
        }
        byte[] bodyBytes = body.getBytes(StandardCharsets.ISO_8859_1);
        if (bodyBytes.length > 0) {
            b.append("content-length: ").append(bodyBytes.length).append("\r\n");
        }
        if (connection == null) {
            connection = isHttp11() ? "close" : null;
        } else if (connection.equalsIgnoreCase(isHttp11() ? "keep-alive" : "close")) {
            connection = null; // the version's default goes without saying
        }
        if (connection != null) {
            b.append("connection: ").append(connection).append("\r\n");
        }
        b.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(bodyBytes);
        return out.toByteArray();
    }
}
