package dev.tandem.testkit.netns;

import java.util.List;

/** What a finished process returned: exit code and the captured output. */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** Returns this result, or throws with the command, exit code and stderr if it failed. */
    public ExecResult requireSuccess() {
        if (!ok()) {
            throw new IllegalStateException("command failed with exit code " + exitCode + ": "
                    + String.join(" ", command) + (stderr.isBlank() ? "" : "\n" + stderr.strip()));
        }
        return this;
    }
}
