package dev.tandem.node.cli;

import dev.tandem.config.HostFacts;
import dev.tandem.node.ConfigSet;
import dev.tandem.node.Daemon;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tandem run}: run the node (proxy and VRRP) until SIGTERM or SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the node: the proxy from haproxy.cfg files, VRRP from keepalived.conf files.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFiles files = new ConfigFiles();

    @Option(names = "-p", paramLabel = "<pidfile>", description = "write the process id to this file")
    Path pidFile;

    @Override
    public Integer call() {
        if (files.isEmpty()) {
            spec.commandLine().getErr().println("tandem run: nothing to run: give -f haproxy.cfg and/or -k keepalived.conf");
            return 2;
        }
        ConfigSet set = ConfigSet.load(files.haproxy, files.keepalived, HostFacts.system());
        return Daemon.run(set, java.util.Optional.ofNullable(pidFile), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
