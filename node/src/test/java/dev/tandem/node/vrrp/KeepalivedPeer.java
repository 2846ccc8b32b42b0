package dev.tandem.node.vrrp;

import dev.tandem.testkit.netns.LabHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's keepalived 2.2.7 in a lab host, in the foreground with its own pid files. A missing binary fails the
 * test: interop is part of the contract, not an optional extra.
 */
final class KeepalivedPeer extends LoggedProcess {
    static final Path BINARY = Path.of("/usr/sbin/keepalived");

    private KeepalivedPeer(LabHost host, List<String> argv, Path log) {
        super("keepalived@" + host.name(), argv, log);
    }

    static KeepalivedPeer start(LabHost host, Path dir, String conf) throws java.io.IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: install Debian's keepalived (apt-get install keepalived)"
                    + " to run the interop tests");
        }
        Path file = dir.resolve("keepalived-" + host.name() + ".conf");
        Files.writeString(file, conf);
        List<String> argv = List.of("ip", "netns", "exec", host.namespace(), BINARY.toString(), "-n", "-l", "-D",
                "-f", file.toString(), "-p", dir.resolve("ka-" + host.name() + ".pid").toString(),
                "-r", dir.resolve("ka-vrrp-" + host.name() + ".pid").toString());
        return new KeepalivedPeer(host, argv, dir.resolve("keepalived-" + host.name() + ".log"));
    }
}
