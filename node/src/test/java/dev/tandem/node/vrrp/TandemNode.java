package dev.tandem.node.vrrp;

import dev.tandem.testkit.netns.LabHost;
import java.nio.file.Path;
import java.util.List;

/** {@code tandem run -k <conf>} as a child JVM inside a lab host, on the test's own class path. */
final class TandemNode extends LoggedProcess {
    private TandemNode(LabHost host, List<String> argv, Path log) {
        super("tandem@" + host.name(), argv, log);
    }

    static TandemNode start(LabHost host, Path dir, String keepalivedConf) throws java.io.IOException {
        Path conf = dir.resolve("tandem-" + host.name() + ".conf");
        java.nio.file.Files.writeString(conf, keepalivedConf);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = List.of("ip", "netns", "exec", host.namespace(), java, "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.tandem.node.Main", "run", "-k", conf.toString());
        return new TandemNode(host, argv, dir.resolve("tandem-" + host.name() + ".log"));
    }
}
