package dev.tandem.config.keepalived.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code vrrp_track_process NAME { process; param; param_match; weight [reverse]; quorum;
 * quorum_max; delay; terminate_delay; fork_delay; full_command }}: up while between quorum and
 * quorumMax matching processes run (keepalived.conf(5), vrrp_track_process).
 */
public record TrackProcess(
        String name,
        String process,
        Optional<String> parameters,
        ParamMatch paramMatch,
        int weight,
        boolean reverse,
        int quorum,
        int quorumMax,
        Duration delay,
        Duration terminateDelay,
        Duration forkDelay,
        boolean fullCommand,
        SourcePosition source) {

    public TrackProcess {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(paramMatch, "paramMatch");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(terminateDelay, "terminateDelay");
        Objects.requireNonNull(forkDelay, "forkDelay");
        Objects.requireNonNull(source, "source");
    }
}
