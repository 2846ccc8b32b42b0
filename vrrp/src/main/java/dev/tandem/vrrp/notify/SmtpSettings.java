package dev.tandem.vrrp.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * global_defs mail settings: notification_email, notification_email_from, smtp_server [port],
 * smtp_connect_timeout, router_id (the subject prefix).
 */
public record SmtpSettings(String server, int port, String from, List<String> to, Duration connectTimeout,
                           String routerId) {
    public SmtpSettings {
        Objects.requireNonNull(server);
        Objects.requireNonNull(from);
        Objects.requireNonNull(routerId);
        to = List.copyOf(to);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp_server port must be 1..65535");
        }
    }
}
