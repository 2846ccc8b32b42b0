package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.NotifyCommand;
import dev.tandem.config.keepalived.model.NotifyScripts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The notify keywords shared by vrrp_instance and vrrp_sync_group: {@code notify_* SCRIPT
 * [USER [GROUP]]}, where SCRIPT is one word or a quoted string with arguments
 * (keepalived.conf(5), "notify").
 */
final class Notifies {

    static final Set<String> INSTANCE_KEYWORDS = Set.of("notify", "notify_master", "notify_backup",
            "notify_fault", "notify_stop", "notify_deleted", "notify_master_rx_lower_pri");
    static final Set<String> GROUP_KEYWORDS = Set.of("notify", "notify_master", "notify_backup",
            "notify_fault", "notify_stop");

    private final Map<String, NotifyCommand> commands = new LinkedHashMap<>();
    private boolean deletedWithoutScript;

    /**
     * Parses one notify line of {@code owner} ("(EXTERN)" or "vrrp group VG_1:"), reporting a
     * repeat the way keepalived does (the first one wins).
     */
    void parse(Statement at, String owner, Diagnostics report, List<ScriptUse> uses) {
        String keyword = at.name();
        if (at.argCount() == 0) {
            if (keyword.equals("notify_deleted")) {
                // notify_deleted without a script sends DELETED to the generic notify instead of STOP.
                deletedWithoutScript = true;
                return;
            }
            report.error(at, owner + " " + keyword + " needs a script",
                    "write " + keyword + " /path/to/script or " + keyword + " \"/path/to/script arg\"");
            return;
        }
        if (commands.containsKey(keyword)) {
            report.warning(at, owner + " " + keyword + " script already specified - ignoring " + at.arg(0), null);
            return;
        }
        if (at.argCount() > 3) {
            report.error(at, owner + " " + keyword + " has extra words after the script, user and group: '"
                    + at.arg(3) + "'", "put the script and its arguments in one quoted string: "
                    + keyword + " \"" + String.join(" ", at.args().stream().map(Word::text).toList()) + "\"");
            return;
        }
        List<String> argv = CommandLine.split(at.arg(0));
        if (argv.isEmpty()) {
            report.error(at, owner + " " + keyword + " script '" + at.arg(0) + "' is empty or has an unclosed quote", null);
            return;
        }
        NotifyCommand command = new NotifyCommand(argv,
                at.argCount() > 1 ? Optional.of(at.arg(1)) : Optional.empty(),
                at.argCount() > 2 ? Optional.of(at.arg(2)) : Optional.empty());
        commands.put(keyword, command);
        uses.add(new ScriptUse(command, at, keyword + " of " + owner.replaceAll("[():]", "").trim()));
    }

    boolean deletedWithoutScript() {
        return deletedWithoutScript;
    }

    NotifyScripts scripts() {
        return new NotifyScripts(get("notify_master"), get("notify_backup"), get("notify_fault"),
                get("notify_stop"), get("notify_deleted"), get("notify"), get("notify_master_rx_lower_pri"));
    }

    private Optional<NotifyCommand> get(String keyword) {
        return Optional.ofNullable(commands.get(keyword));
    }
}
