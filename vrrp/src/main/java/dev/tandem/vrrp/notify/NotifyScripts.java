package dev.tandem.vrrp.notify;

import dev.tandem.vrrp.VrrpState;
import java.util.List;

/**
 * The notify keywords of one instance or sync group, each already split into argv; an empty list means unset.
 * {@code generic} (keyword {@code notify}) gets four appended arguments, the state-specific ones none (keepalived.md §2.1).
 */
public record NotifyScripts(List<String> generic, List<String> master, List<String> backup, List<String> fault,
                            List<String> stop) {
    public static final NotifyScripts NONE = new NotifyScripts(List.of(), List.of(), List.of(), List.of(), List.of());

    public NotifyScripts {
        generic = List.copyOf(generic);
        master = List.copyOf(master);
        backup = List.copyOf(backup);
        fault = List.copyOf(fault);
        stop = List.copyOf(stop);
    }

    public List<String> specific(VrrpState state) {
        return switch (state) {
            case MASTER -> master;
            case BACKUP -> backup;
            case FAULT -> fault;
            case STOP -> stop;
            case INIT -> List.of();
        };
    }
}
