package dev.tandem.config.keepalived.model;

import java.util.Objects;

/** {@code smtp_server HOST [PORT]}; the host stays as written (no name lookup while parsing). */
public record SmtpServer(String host, int port) {

    public static final int DEFAULT_PORT = 25;

    public SmtpServer {
        Objects.requireNonNull(host, "host");
    }
}
