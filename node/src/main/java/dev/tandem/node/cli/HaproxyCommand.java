package dev.tandem.node.cli;

import dev.tandem.config.HostFacts;
import dev.tandem.node.ConfigSet;
import dev.tandem.node.Daemon;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code tandem haproxy ARGS...}: haproxy's own command line (management.txt §3) on Tandem's engine,
 * so that a service unit written for haproxy runs unchanged.
 */
@Command(name = "haproxy", description = "Run or check with haproxy's command-line flags (-f -c -d -db -D -W -Ws -p -sf -st -x -v -vv -cc).")
final class HaproxyCommand extends PassThroughCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> argv = originalArgs();
        HaproxyArgs args;
        try {
            args = HaproxyArgs.parse(argv);
        } catch (HaproxyArgs.UsageException e) {
            err.println("[ALERT]    (" + ProcessHandle.current().pid() + ") : " + e.getMessage());
            err.println("Usage : haproxy -f <cfgfile|cfgdir> [-c] [-d|-db] [-D] [-W|-Ws] [-p <pidfile>] [-sf|-st <pid>*] [-x <sock>] [-v|-vv] [-cc <cond>]");
            return 1;
        }
        if (args.version() > 0) {
            out.println("HAProxy version " + TandemVersion.HAPROXY_COMPAT + " (Tandem " + TandemVersion.VERSION
                    + ", Java " + Runtime.version() + ")");
            if (args.version() > 1) {
                out.println("Running on: Linux, Java " + Runtime.version());
                out.println("Built with transparent proxy support using: IP_TRANSPARENT IPV6_TRANSPARENT IP_FREEBIND");
                out.println("Available polling systems : epoll (Netty native)");
            }
            return 0;
        }
        if (args.condition().isPresent()) {
            return ConditionCommand.evaluate(args.condition().get(), err);
        }
        List<Path> files = args.configs().stream().map(Path::of).toList();
        ConfigSet set = ConfigSet.load(files, List.of(), HostFacts.system());
        if (args.check()) {
            DiagnosticPrinter.printHaproxy(set.diagnostics(), err);
            if (!set.hasErrors()) {
                out.println("Configuration file is valid");
            }
            return set.hasErrors() ? 1 : 0;
        }
        if (args.daemon() && !args.foreground()) {
            err.println("[WARNING]  (" + ProcessHandle.current().pid() + ") : -D: Tandem does not fork; it stays in the"
                    + " foreground (run it under systemd with Type=simple or Type=notify).");
        }
        return Daemon.run(set, args.pidFile().map(Path::of), out, err);
    }
}
