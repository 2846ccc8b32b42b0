package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.UnixPermissions;
import java.util.List;

/**
 * The UNIX socket options {@code mode}, {@code uid}, {@code user}, {@code gid} and {@code group}, as
 * {@code bind} options (configuration.txt §5.1) and in the global {@code unix-bind} (§3.1); haproxy
 * parses both with the same rules (cfgparse-unix.c). Names are kept as written and looked up on the
 * machine that creates the socket.
 */
final class UnixOptions {

    static final List<String> NAMES = List.of("mode", "uid", "user", "gid", "group");

    private UnixOptions() {}

    /** {@code current} with one option applied, or null once the problem is reported. */
    static UnixPermissions apply(UnixPermissions current, String option, String value, Line line, int word,
            Report report) {
        switch (option) {
            case "mode" -> {
                if (value.isEmpty() || value.length() > 11 || !value.chars().allMatch(c -> c >= '0' && c <= '7')) {
                    report.error(line, word + 1, "'mode' : missing or invalid mode '" + value
                            + "' (octal integer expected)", "e.g. mode 600 (owner read and write) or mode 660");
                    return null;
                }
                long mode = Long.parseLong(value, 8);
                if (mode > 07777) {
                    report.error(line, word + 1, "'mode' : invalid mode '" + value + "' (at most 7777)");
                    return null;
                }
                return current.withMode((int) mode);
            }
            case "uid", "gid" -> {
                String[] why = new String[1];
                Integer id = Numbers.integer(value, 0, Integer.MAX_VALUE, option, why);
                if (id == null) {
                    // haproxy's atol() would read a name as 0, root: refused instead
                    report.error(line, word + 1, why[0], "'" + option + "' takes a number; write '"
                            + (option.equals("uid") ? "user" : "group") + " " + value + "' for a name");
                    return null;
                }
                return option.equals("uid") ? current.withUid(id) : current.withGid(id);
            }
            case "user", "group" -> {
                if (value.isEmpty()) {
                    report.error(line, word + 1, "'" + option + "' : missing " + option + " name");
                    return null;
                }
                return option.equals("user") ? current.withUser(value) : current.withGroup(value);
            }
            default -> throw new IllegalArgumentException(option);
        }
    }
}
