package dev.tandem.node.cli;

import dev.tandem.config.HostFacts;
import dev.tandem.config.haproxy.HaproxyCondition;
import java.io.PrintWriter;

/** {@code tandem haproxy -cc <cond>}: exit 0 when true, 1 when false, 2 on error (management.txt §2). */
final class ConditionCommand {
    private ConditionCommand() {}

    static int evaluate(String expression, PrintWriter err) {
        HaproxyCondition.Outcome o = HaproxyCondition.evaluate(expression, HostFacts.system());
        o.error().ifPresent(e -> {
            err.println("[ALERT]    (" + ProcessHandle.current().pid() + ") : config : failed to evaluate condition: " + e);
            err.flush();
        });
        return o.exitStatus();
    }
}
