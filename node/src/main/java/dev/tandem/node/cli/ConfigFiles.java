package dev.tandem.node.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -f haproxy.cfg} and {@code -k keepalived.conf} options shared by check and run. */
final class ConfigFiles {
    @Option(names = "-f", paramLabel = "<haproxy.cfg|dir>", description = "haproxy configuration file or directory (repeatable)")
    List<Path> haproxy = new ArrayList<>();

    @Option(names = "-k", paramLabel = "<keepalived.conf>", description = "keepalived configuration file (repeatable)")
    List<Path> keepalived = new ArrayList<>();

    boolean isEmpty() {
        return haproxy.isEmpty() && keepalived.isEmpty();
    }
}
