package dev.tandem.proxy;

import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Not a test: starts {@link ProxyServer} from haproxy.cfg files ({@code -f a.cfg -f b.cfg}) and runs
 * until killed. bench/http/run.sh uses it when the node's tandem.jar is not built.
 */
public final class RunConfigMain {

    private RunConfigMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-f") && i + 1 < args.length) {
                files.add(Path.of(args[++i]));
            }
        }
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(files, HostFacts.system());
        r.diagnostics().forEach(d -> System.err.println(d));
        if (r.model().isEmpty()) {
            System.exit(1);
        }
        try (ProxyServer server = ProxyServer.start(r.model().get(), ProxyOptions.defaults())) {
            System.err.println("ready " + server.boundAddresses());
            new CountDownLatch(1).await();
        } catch (ProxyStartException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
