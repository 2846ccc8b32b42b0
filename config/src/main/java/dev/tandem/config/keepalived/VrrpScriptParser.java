package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.NotifyCommand;
import dev.tandem.config.keepalived.model.SourcePosition;
import dev.tandem.config.keepalived.model.VrrpScript;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code vrrp_script NAME { script; interval; timeout; weight [reverse]; rise; fall; user; init_fail }}
 * with keepalived 2.2.7's defaults: interval 1 s, timeout = interval, weight 0, rise 1, fall 1.
 */
final class VrrpScriptParser {

    static final Set<String> KEYWORDS = Set.of("script", "interval", "timeout", "weight", "rise", "fall", "user",
            "init_fail");

    private static final long MAX_SECONDS = 4294;

    private VrrpScriptParser() {}

    static VrrpScript parse(Statement section, Diagnostics report, List<ScriptUse> uses) {
        String name = section.arg(0);
        List<String> argv = null;
        Statement scriptAt = null;
        long interval = Values.MICROS_PER_SECOND;
        Long timeout = null;
        int weight = 0;
        boolean reverse = false;
        int rise = 1;
        int fall = 1;
        Optional<String> user = Optional.empty();
        Optional<String> group = Optional.empty();
        boolean initFail = false;
        for (Statement at : section.block()) {
            if (!KEYWORDS.contains(at.name())) {
                Keywords.unknown(at, "vrrp_script", KEYWORDS, report);
                continue;
            }
            Keywords.noBlock(at, "", report);
            String owner = "(" + name + ")";
            if (!at.name().equals("init_fail") && !Keywords.needArgs(at, 1, owner, report)) {
                continue;
            }
            switch (at.name()) {
                case "script" -> {
                    List<String> split = CommandLine.split(at.arg(0));
                    if (split.isEmpty()) {
                        report.error(at, owner + " script '" + at.arg(0) + "' is empty or has an unclosed quote", null);
                    } else {
                        argv = split;
                        scriptAt = at;
                    }
                }
                case "interval", "timeout" -> {
                    OptionalLong seconds = Values.micros(at.arg(0), Values.MICROS_PER_SECOND, MAX_SECONDS * Values.MICROS_PER_SECOND);
                    if (seconds.isEmpty()) {
                        report.error(at, owner + ": vrrp script " + at.name() + " '" + at.arg(0)
                                + "' must be between 1 and " + MAX_SECONDS, null);
                    } else if (at.name().equals("interval")) {
                        interval = seconds.getAsLong();
                    } else {
                        timeout = seconds.getAsLong();
                    }
                }
                case "weight" -> {
                    OptionalInt parsed = Values.integer(at.arg(0), -253, 253);
                    if (parsed.isEmpty()) {
                        report.error(at, "vrrp_script " + name + " weight " + at.arg(0) + " must be in [-253, 253]", null);
                    } else {
                        weight = parsed.getAsInt();
                    }
                    if (at.argCount() > 1) {
                        if (at.arg(1).equals("reverse")) {
                            reverse = true;
                        } else {
                            report.error(at, "vrrp_script " + name + " unknown weight option " + at.arg(1), "write weight W [reverse]");
                        }
                    }
                }
                case "rise", "fall" -> {
                    OptionalInt parsed = Values.integer(at.arg(0), 1, 1_000_000);
                    if (parsed.isEmpty()) {
                        report.error(at, owner + ": vrrp script " + at.name() + " value '" + at.arg(0) + "' invalid", "write a count of 1 or more");
                    } else if (at.name().equals("rise")) {
                        rise = parsed.getAsInt();
                    } else {
                        fall = parsed.getAsInt();
                    }
                }
                case "user" -> {
                    user = Optional.of(at.arg(0));
                    group = at.argCount() > 1 ? Optional.of(at.arg(1)) : Optional.empty();
                }
                default -> initFail = true;
            }
        }
        if (argv == null) {
            report.error(section, "No script set for vrrp_script " + name + " - removing",
                    "add script \"/path/to/check arg\" to the block");
            return null;
        }
        NotifyCommand command = new NotifyCommand(argv, user, group);
        uses.add(new ScriptUse(command, scriptAt, "vrrp_script " + name));
        long effectiveTimeout = timeout == null ? interval : timeout;
        return new VrrpScript(name, command, Duration.ofNanos(interval * 1000), Duration.ofNanos(effectiveTimeout * 1000),
                weight, reverse, rise, fall, initFail, new SourcePosition(section.file(), section.line()));
    }
}
