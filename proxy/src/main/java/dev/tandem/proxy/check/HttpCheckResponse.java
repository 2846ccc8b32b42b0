package dev.tandem.proxy.check;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an HTTP check reads back: status, reason and as much body as arrived. Parsing is lenient
 * where a check can afford it (the body is only matched against) and strict on the status line,
 * whose damage makes the check fail with L7RSP instead of guessing.
 */
public record HttpCheckResponse(int status, String reason, byte[] body) {

    /** The outcome of parsing what arrived so far. */
    public sealed interface Parse {
        record Complete(HttpCheckResponse response) implements Parse {}

        record NeedMore() implements Parse {}

        record Invalid(String why) implements Parse {}
    }

    private static final int MAX_HEAD = 16 * 1024;

    public HttpCheckResponse {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * @param data every byte read so far
     * @param closed the server closed (or the buffer is full): no more bytes will come
     */
    public static Parse parse(byte[] data, boolean closed) {
        int headEnd = indexOf(data, new byte[] {'\r', '\n', '\r', '\n'});
        if (headEnd < 0) {
            if (data.length > MAX_HEAD) {
                return new Parse.Invalid("response headers too large");
            }
            return closed ? new Parse.Invalid(data.length == 0 ? "empty response" : "truncated response headers")
                    : new Parse.NeedMore();
        }
        String head = new String(data, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n", -1);
        Optional<int[]> code = statusCode(lines[0]);
        if (code.isEmpty()) {
            return new Parse.Invalid("invalid status line");
        }
        int sp = lines[0].indexOf(' ', 9);
        String reason = sp < 0 ? "" : lines[0].substring(sp + 1);
        long contentLength = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                return new Parse.Invalid("invalid header line");
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return new Parse.Invalid("invalid content-length");
                }
                if (contentLength < 0) {
                    return new Parse.Invalid("invalid content-length");
                }
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        byte[] rest = Arrays.copyOfRange(data, headEnd + 4, data.length);
        int status = code.get()[0];
        if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
            return new Parse.Complete(new HttpCheckResponse(status, reason, new byte[0]));
        }
        if (chunked) {
            return dechunk(rest).map(b -> (Parse) new Parse.Complete(new HttpCheckResponse(status, reason, b)))
                    .orElse(closed ? new Parse.Invalid("truncated chunked body") : new Parse.NeedMore());
        }
        if (contentLength >= 0) {
            if (rest.length >= contentLength) {
                return new Parse.Complete(new HttpCheckResponse(status, reason, Arrays.copyOf(rest, (int) contentLength)));
            }
            return closed ? new Parse.Complete(new HttpCheckResponse(status, reason, rest)) : new Parse.NeedMore();
        }
        return closed ? new Parse.Complete(new HttpCheckResponse(status, reason, rest)) : new Parse.NeedMore();
    }

    private static Optional<int[]> statusCode(String line) {
        if (line.length() < 12 || !line.startsWith("HTTP/") || line.charAt(8) != ' ') {
            return Optional.empty();
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            code = code * 10 + (c - '0');
        }
        if (line.length() > 12 && line.charAt(12) != ' ') {
            return Optional.empty();
        }
        return code < 100 ? Optional.empty() : Optional.of(new int[] {code});
    }

    /** The body of a chunked message, or empty when it is not complete yet (or broken). */
    private static Optional<byte[]> dechunk(byte[] in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int eol = indexOf(in, new byte[] {'\r', '\n'}, pos);
            if (eol < 0) {
                return Optional.empty();
            }
            String sizeText = new String(in, pos, eol - pos, StandardCharsets.ISO_8859_1);
            int semi = sizeText.indexOf(';');
            if (semi >= 0) {
                sizeText = sizeText.substring(0, semi);
            }
            long size;
            try {
                size = Long.parseLong(sizeText.strip(), 16);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (size < 0 || size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            pos = eol + 2;
            if (size == 0) {
                return Optional.of(out.toByteArray());
            }
            if ((long) pos + size + 2 > in.length) {
                return Optional.empty();
            }
            out.write(in, pos, (int) size);
            pos += (int) size + 2;
        }
    }

    static int indexOf(byte[] data, byte[] needle) {
        return indexOf(data, needle, 0);
    }

    static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
