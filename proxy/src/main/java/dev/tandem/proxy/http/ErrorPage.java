package dev.tandem.proxy.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A response the proxy produces itself: haproxy's built-in pages (src/http.c http_err_msgs) or an
 * "errorfile" parsed at start-up. An empty {@code body} with {@code silent} means close without
 * answering ("errorfile 408 /dev/null").
 */
public record ErrorPage(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body,
        boolean silent) {

    public ErrorPage {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** configuration.txt §1.3.1 / issue #889: only the default 400 and 408 force the client connection closed. */
    public boolean closesClient() {
        return status == 400 || status == 408;
    }

    public static ErrorPage builtin(int status) {
        String reason = reason(status);
        String text = switch (status) {
            case 200 -> "Service ready.";
            case 400 -> "Your browser sent an invalid request.";
            case 401, 407 -> "You need a valid user and password to access this content.";
            case 403 -> "Request forbidden by administrative rules.";
            case 404 -> "The resource could not be found.";
            case 405 -> "A request was made of a resource using a request method not supported by that resource";
            case 408 -> "Your browser didn't send a complete request in time.";
            case 410 -> "The resource is no longer available and will not be available again.";
            case 413 -> "The request entity exceeds the maximum allowed.";
            case 414 -> "The request URI is too long.";
            case 425 -> "Your browser sent early data.";
            case 429 -> "You have sent too many requests in a given amount of time.";
            case 431 -> "The request headers are too large.";
            case 500 -> "An internal server error occurred.";
            case 501 -> "The server does not support the functionality required to fulfill the request.";
            case 502 -> "The server returned an invalid or incomplete response.";
            case 503 -> "No server is available to handle this request.";
            case 504 -> "The server didn't respond in time.";
            default -> reason + ".";
        };
        String body = "<html><body><h1>" + status + " " + reason + "</h1>\n" + text + "\n</body></html>\n";
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("content-length", Integer.toString(body.length())));
        headers.add(Map.entry("cache-control", "no-cache"));
        headers.add(Map.entry("content-type", "text/html"));
        return new ErrorPage(status, reason, headers, body.getBytes(StandardCharsets.US_ASCII), false);
    }

    /**
     * Parses an errorfile: a complete raw HTTP/1.x response (configuration.txt "errorfile"). An
     * empty file means "close silently". Throws {@link IllegalArgumentException} with a readable
     * message when the content is not a response.
     */
    public static ErrorPage parse(int status, byte[] raw) {
        if (raw.length == 0) {
            return new ErrorPage(status, reason(status), List.of(), new byte[0], true);
        }
        if (raw.length > 15360) {
            throw new IllegalArgumentException("errorfile is larger than the buffer (bufsize - maxrewrite = 15360)");
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        int sep = 4;
        if (end < 0) {
            end = text.indexOf("\n\n");
            sep = 2;
        }
        if (end < 0) {
            throw new IllegalArgumentException("errorfile has no end of headers (empty line)");
        }
        String[] lines = text.substring(0, end).split("\r?\n");
        String[] start = lines[0].split(" ", 3);
        if (start.length < 2 || !start[0].startsWith("HTTP/1.")) {
            throw new IllegalArgumentException("errorfile does not start with an HTTP/1.x status line: '" + lines[0]
                    + "'");
        }
        int code;
        try {
            code = Integer.parseInt(start[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("errorfile has an invalid status '" + start[1] + "'");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("errorfile has a malformed header line: '" + lines[i] + "'");
            }
            headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()));
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + sep, raw.length);
        return new ErrorPage(code, start.length > 2 ? start[2] : reason(code), headers, body, false);
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Time-out";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 425 -> "Too Early";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Unknown";
        };
    }
}
