package dev.tandem.config.keepalived.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code vrrp_notify_fifo PATH [USER [GROUP]]} plus its optional {@code vrrp_notify_fifo_script}:
 * state changes written as lines such as {@code INSTANCE "VI_4" MASTER 150}.
 */
public record NotifyFifo(Path path, Optional<NotifyCommand> script) {

    public NotifyFifo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(script, "script");
    }
}
