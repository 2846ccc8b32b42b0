package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.ParamMatch;
import dev.tandem.config.keepalived.model.SourcePosition;
import dev.tandem.config.keepalived.model.TrackProcess;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code vrrp_track_process NAME { process; param; param_match; weight [reverse]; quorum; quorum_max;
 * delay; terminate_delay; fork_delay; full_command }} (keepalived.conf(5), vrrp_track_process).
 */
final class TrackProcessParser {

    static final Set<String> KEYWORDS = Set.of("process", "param", "param_match", "weight", "quorum", "quorum_max",
            "delay", "terminate_delay", "fork_delay", "full_command");

    private TrackProcessParser() {}

    static TrackProcess parse(Statement section, Diagnostics report) {
        String name = section.arg(0);
        String owner = "(" + name + ")";
        String process = null;
        Optional<String> params = Optional.empty();
        ParamMatch match = ParamMatch.EXACT;
        int weight = 0;
        boolean reverse = false;
        int quorum = 1;
        int quorumMax = 65535;
        long delay = 0;
        Long terminateDelay = null;
        Long forkDelay = null;
        boolean fullCommand = false;
        for (Statement at : section.block()) {
            if (!KEYWORDS.contains(at.name())) {
                Keywords.unknown(at, "vrrp_track_process", KEYWORDS, report);
                continue;
            }
            Keywords.noBlock(at, "", report);
            if (!at.name().equals("full_command") && !Keywords.needArgs(at, 1, owner, report)) {
                continue;
            }
            switch (at.name()) {
                case "process" -> process = at.arg(0);
                case "param" -> params = Optional.of(at.args().stream().map(Word::text).collect(Collectors.joining(" ")));
                case "param_match" -> {
                    switch (at.arg(0)) {
                        case "exact" -> match = ParamMatch.EXACT;
                        case "partial" -> match = ParamMatch.PARTIAL;
                        case "initial" -> match = ParamMatch.INITIAL;
                        default -> report.error(at, "Invalid param_match type " + at.arg(0) + " - ignoring",
                                "param_match is exact, partial or initial");
                    }
                }
                case "weight" -> {
                    OptionalInt parsed = Values.integer(at.arg(0), -254, 254);
                    if (parsed.isEmpty()) {
                        report.error(at, "Weight (" + at.arg(0) + ") for vrrp_track_process " + name
                                + " must be between -254 and 254", null);
                    } else {
                        weight = parsed.getAsInt();
                    }
                    reverse = at.argCount() > 1 && at.arg(1).equals("reverse");
                    if (at.argCount() > 1 && !reverse) {
                        report.error(at, "vrrp_track_process " + name + " unknown weight option " + at.arg(1), "write weight W [reverse]");
                    }
                }
                case "quorum", "quorum_max" -> {
                    OptionalInt parsed = Values.integer(at.arg(0), at.name().equals("quorum") ? 1 : 0, 65535);
                    if (parsed.isEmpty()) {
                        report.error(at, (at.name().equals("quorum") ? "Quorum" : "quorum_max") + " (" + at.arg(0)
                                + ") for vrrp_track_process " + name + " must be between 1 and 65535", null);
                    } else if (at.name().equals("quorum")) {
                        quorum = parsed.getAsInt();
                    } else {
                        quorumMax = parsed.getAsInt();
                    }
                }
                case "delay", "terminate_delay", "fork_delay" -> {
                    OptionalLong parsed = Values.micros(at.arg(0), 0, 3600 * Values.MICROS_PER_SECOND);
                    if (parsed.isEmpty()) {
                        report.error(at, at.name().replace("_delay", " ").replace("delay", "") + "delay (" + at.arg(0)
                                + ") for vrrp_track_process " + name + " must be between 0 and 3600", null);
                    } else if (at.name().equals("delay")) {
                        delay = parsed.getAsLong();
                    } else if (at.name().equals("terminate_delay")) {
                        terminateDelay = parsed.getAsLong();
                    } else {
                        forkDelay = parsed.getAsLong();
                    }
                }
                default -> fullCommand = true;
            }
        }
        if (process == null) {
            report.error(section, "track process '" + name + "' process name not specified - removing",
                    "add process NAME to the block");
            return null;
        }
        if (quorum > quorumMax) {
            report.error(section, "Quorum is greater than quorum_max for vrrp_track_process " + name, null);
            return null;
        }
        // Unset terminate/fork delays follow delay (keepalived.conf(5), vrrp_track_process).
        return new TrackProcess(name, process, params, match, weight, reverse, quorum, quorumMax,
                micros(delay), micros(terminateDelay == null ? delay : terminateDelay),
                micros(forkDelay == null ? delay : forkDelay), fullCommand,
                new SourcePosition(section.file(), section.line()));
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }
}
