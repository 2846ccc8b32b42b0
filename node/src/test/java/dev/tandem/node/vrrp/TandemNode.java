package dev.tandem.node.vrrp;

import dev.tandem.testkit.netns.LabHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code tandem run -k <conf>} (or another command line) as a child JVM inside a lab host, on the test's class path. */
final class TandemNode extends LoggedProcess {
    private TandemNode(LabHost host, List<String> argv, Path log) {
        super("tandem@" + host.name(), argv, log);
    }

    static TandemNode start(LabHost host, Path dir, String keepalivedConf) throws IOException {
        Path conf = write(host, dir, keepalivedConf);
        return launch(host, dir, List.of(), List.of("run", "-k", conf.toString()));
    }

    static Path write(LabHost host, Path dir, String keepalivedConf) throws IOException {
        Path conf = dir.resolve("tandem-" + host.name() + ".conf");
        Files.writeString(conf, keepalivedConf);
        return conf;
    }

    /**
     * @param wrapper runs before java inside the namespace, e.g. setpriv to drop capabilities
     * @param args the tandem command line
     */
    static TandemNode launch(LabHost host, Path dir, List<String> wrapper, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
        argv.addAll(wrapper);
        argv.addAll(List.of(java, "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.tandem.node.Main"));
        argv.addAll(args);
        return new TandemNode(host, argv, dir.resolve("tandem-" + host.name() + ".log"));
    }
}
