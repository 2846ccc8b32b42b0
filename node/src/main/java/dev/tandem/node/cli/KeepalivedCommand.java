package dev.tandem.node.cli;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.Severity;
import dev.tandem.node.ConfigSet;
import dev.tandem.node.Daemon;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code tandem keepalived ARGS...}: keepalived's own command line (keepalived(8)) on Tandem's
 * engine, so that a service unit written for keepalived runs unchanged.
 */
@Command(name = "keepalived", description = "Run or check with keepalived's command-line flags (-f -t -n -l -D -P -p -r -c -i -v).")
final class KeepalivedCommand extends PassThroughCommand implements Callable<Integer> {
    /** keepalived 2.2.7 core/main.c: 4 = fatal config error, 5 = config errors but would run. */
    static final int EXIT_CONFIG_FATAL = 4;
    static final int EXIT_CONFIG_ERRORS = 5;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> argv = originalArgs();
        KeepalivedArgs args;
        try {
            args = KeepalivedArgs.parse(argv);
        } catch (HaproxyArgs.UsageException e) {
            err.println("keepalived: " + e.getMessage());
            return 1;
        }
        if (args.version()) {
            out.println("Keepalived v" + TandemVersion.KEEPALIVED_COMPAT + " (Tandem " + TandemVersion.VERSION + ")");
            return 0;
        }
        ConfigSet set = ConfigSet.load(List.of(), List.of(Path.of(args.configFile())), HostFacts.system());
        if (args.configTest()) {
            DiagnosticPrinter.printTandem(set.diagnostics(), err);
            if (set.hasErrors()) {
                return EXIT_CONFIG_FATAL;
            }
            boolean warned = set.diagnostics().stream().map(Diagnostic::severity).anyMatch(s -> s == Severity.WARNING);
            return warned ? EXIT_CONFIG_ERRORS : 0;
        }
        return Daemon.run(set, args.pidFile().map(Path::of), out, err);
    }
}
