package dev.tandem.node.cli;

import dev.tandem.config.HostFacts;
import dev.tandem.node.ConfigSet;
import dev.tandem.node.HostPort;
import dev.tandem.node.Daemon;
import dev.tandem.node.demo.DemoApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tandem demo}: the article's frontend on loopback (IPv4 and IPv6) in front of two built-in
 * application servers, with haproxy's log lines on stdout, until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the proxy on loopback with a bundled config in front of two demo application servers.")
final class DemoCommand implements Callable<Integer> {
    static final String CONFIG_RESOURCE = "/examples/demo-haproxy.cfg";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "port to listen on, on 127.0.0.1 and ::1 (default: ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--seconds", hidden = true, description = "stop after this many seconds (tests); 0 = until Ctrl-C")
    int seconds = 0;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = Files.createTempDirectory("tandem-demo");
        Path cfg = dir.resolve("haproxy.cfg");
        try (InputStream in = DemoCommand.class.getResourceAsStream(CONFIG_RESOURCE);
                DemoApp app1 = DemoApp.start("app1");
                DemoApp app2 = DemoApp.start("app2")) {
            Files.copy(in, cfg);
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("DEMO_ADDR4", "127.0.0.1");
            env.put("DEMO_ADDR6", "::1");
            env.put("DEMO_PORT", Integer.toString(port));
            env.put("DEMO_APP1", HostPort.of(app1.address()));
            env.put("DEMO_APP2", HostPort.of(app2.address()));
            HostFacts host = HostFacts.system().withEnv(env);
            ConfigSet set = ConfigSet.load(List.of(cfg), List.of(), host);
            out.println("Tandem demo: the article's frontend (option forwardfor, X-Forwarded-Proto, X-Real-IP)");
            out.println("in front of two application servers, " + app1.name() + " on " + HostPort.of(app1.address())
                    + " and " + app2.name() + " on " + HostPort.of(app2.address()) + ", balanced round-robin.");
            out.println("Configuration: " + cfg + " (bundled as " + CONFIG_RESOURCE + ")");
            out.println();
            out.println("Try:   curl -s http://127.0.0.1:" + port + "/hello      (twice: app1, then app2)");
            out.println("       curl -s -g 'http://[::1]:" + port + "/v6'        (an IPv6 client, an IPv4 server)");
            out.println("or open http://127.0.0.1:" + port + "/ in a browser. One haproxy log line per request below.");
            out.println("Ctrl-C stops.");
            out.println();
            out.flush();
            return Daemon.run(set, Optional.empty(), out, err, seconds);
        } finally {
            Files.deleteIfExists(cfg);
            Files.deleteIfExists(dir);
        }
    }
}
