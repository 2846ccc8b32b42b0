package dev.tandem.config.haproxy.model;

/** {@code capture request|response header <name> len <n>}: shown in %hr / %hs. */
public record Capture(Direction direction, String header, int length, Origin origin) {
    public enum Direction {
        REQUEST,
        RESPONSE
    }
}
