package dev.tandem.testkit.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One request exactly as it arrived: the request line, the raw header lines with their case and
 * order, the decoded body, and the remote address the backend saw.
 */
public record RecordedRequest(String requestLine, List<String> headerLines, byte[] body, String remote, int connection) {

    public RecordedRequest {
        headerLines = List.copyOf(headerLines);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    public String method() {
        return requestLine.split(" ", 2)[0];
    }

    public String uri() {
        String[] parts = requestLine.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }

    /** Every value of the named header (name compared without case), in arrival order. */
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                values.add(line.substring(colon + 1).strip());
            }
        }
        return values;
    }

    /** The last value of the named header, or null. */
    public String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.getLast();
    }

    /** Header names as sent, in order (case kept). */
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            names.add(colon < 0 ? line : line.substring(0, colon));
        }
        return names;
    }

    public boolean hasHeader(String name) {
        return !headers(name.toLowerCase(Locale.ROOT)).isEmpty();
    }
}
