package dev.tandem.testkit.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** What an {@link HttpBackend} does with a request it has fully read. */
public sealed interface Reply {

    /** A normal response; {@code body} is sent with Content-Length unless {@code chunked}. */
    record Respond(int status, List<String> headerLines, byte[] body, Duration delay, boolean chunked, boolean close)
            implements Reply {
        public Respond {
            headerLines = List.copyOf(headerLines);
            body = body.clone();
        }
    }

    /** Read the request, then never answer (the connection stays open). */
    record Hang() implements Reply {}

    /** Answer with bytes that are not HTTP. */
    record Garbage(byte[] bytes) implements Reply {}

    /** Close the connection without answering. */
    record Close() implements Reply {}

    static Reply ok(String body) {
        return new Respond(200, List.of("Content-Type: text/plain"), body.getBytes(StandardCharsets.UTF_8),
                Duration.ZERO, false, false);
    }

    static Reply status(int status, String body) {
        return new Respond(status, List.of("Content-Type: text/plain"), body.getBytes(StandardCharsets.UTF_8),
                Duration.ZERO, false, false);
    }

    static Reply delayed(Duration delay, String body) {
        return new Respond(200, List.of(), body.getBytes(StandardCharsets.UTF_8), delay, false, false);
    }

    static Reply chunked(String body) {
        return new Respond(200, List.of(), body.getBytes(StandardCharsets.UTF_8), Duration.ZERO, true, false);
    }

    static Reply hang() {
        return new Hang();
    }

    static Reply garbage(String text) {
        return new Garbage(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Reply close() {
        return new Close();
    }
}
