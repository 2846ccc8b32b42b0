package dev.tandem.config.haproxy.model;

/**
 * A custom error response read and validated at parse time ({@code errorfile <code> <file>}).
 *
 * @param rawResponse the complete HTTP response (status line, headers, body), ISO-8859-1 text;
 *        empty for {@code /dev/null} ("close silently")
 */
public record ErrorFile(int status, String path, String rawResponse, Origin origin) {
}
