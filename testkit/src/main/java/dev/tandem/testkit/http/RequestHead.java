package dev.tandem.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** For hand-written origins on plain sockets: the head of the request the proxy sent. */
public final class RequestHead {

    private RequestHead() {
    }

    /**
     * Reads up to and including the blank line that ends a head, byte by byte so that nothing of a
     * body is consumed. Returns null when the stream ends first.
     */
    public static String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
