package dev.tandem.config.keepalived.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The notify commands of an instance or sync group. The state-specific ones run with no extra
 * arguments; {@code notify} gets {@code GROUP|INSTANCE name state priority} appended
 * (keepalived.conf(5), "notify").
 */
public record NotifyScripts(
        Optional<NotifyCommand> master,
        Optional<NotifyCommand> backup,
        Optional<NotifyCommand> fault,
        Optional<NotifyCommand> stop,
        Optional<NotifyCommand> deleted,
        Optional<NotifyCommand> generic,
        Optional<NotifyCommand> masterRxLowerPri) {

    public static final NotifyScripts NONE = new NotifyScripts(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public NotifyScripts {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(deleted, "deleted");
        Objects.requireNonNull(generic, "generic");
        Objects.requireNonNull(masterRxLowerPri, "masterRxLowerPri");
    }

    public boolean isEmpty() {
        return this.equals(NONE);
    }
}
