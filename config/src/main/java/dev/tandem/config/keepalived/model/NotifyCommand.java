package dev.tandem.config.keepalived.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A notify (or track) command as keepalived runs it: the argv split from the configured string
 * (a quoted string may carry arguments), run as {@code user[:group]} when given.
 */
public record NotifyCommand(List<String> argv, Optional<String> user, Optional<String> group) {

    public NotifyCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
    }

    public String program() {
        return argv.getFirst();
    }
}
