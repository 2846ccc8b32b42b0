package dev.tandem.node.cli;

import dev.tandem.config.HostFacts;
import dev.tandem.node.ConfigSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tandem check}: parse and validate, print every problem at its file:line, like haproxy -c. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Parse and validate haproxy.cfg and keepalived.conf files; print every problem as",
                "file:line: error|warning|notice: message. Exit 0 when the configuration would run",
                "(warnings allowed), 1 when it would not."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFiles files = new ConfigFiles();

    @Override
    public Integer call() {
        if (files.isEmpty()) {
            spec.commandLine().getErr().println("tandem check: nothing to check: give -f haproxy.cfg and/or -k keepalived.conf");
            return 2;
        }
        ConfigSet set = ConfigSet.load(files.haproxy, files.keepalived, HostFacts.system());
        DiagnosticPrinter.printTandem(set.diagnostics(), spec.commandLine().getOut());
        return set.hasErrors() ? 1 : 0;
    }
}
