package dev.tandem.node.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem}: one daemon for the proxy and for VRRP failover. */
@Command(name = "tandem", mixinStandardHelpOptions = true, versionProvider = TandemVersion.class,
        description = "HAProxy-compatible load balancer and keepalived-compatible VRRP failover in one process.",
        subcommands = {CheckCommand.class, RunCommand.class, DemoCommand.class, HaproxyCommand.class,
                KeepalivedCommand.class})
public final class TandemCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs a command line with the given streams and returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new TandemCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
