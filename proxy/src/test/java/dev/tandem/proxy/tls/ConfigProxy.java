package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.proxy.ProxyOptions;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.ProxyStartException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A haproxy.cfg text read by the real config reader and run by {@link ProxyServer}, one event loop. */
final class ConfigProxy {

    private ConfigProxy() {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The config as the reader models it; any error diagnostic fails the test. */
    static HaproxyConfig read(Path dir, String text) throws IOException {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, text);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.permissive(Map.of()));
        assertThat(r.diagnostics()).as("config diagnostics").noneMatch(Diagnostic::isError);
        return r.model().orElseThrow();
    }

    static ProxyServer start(Path dir, String text) throws IOException, ProxyStartException {
        return ProxyServer.start(read(dir, text), ProxyOptions.defaults().withThreads(1));
    }

    /** As {@link #start(Path, String)} with the JDK's TLS engine forced when {@code engine} is "jdk". */
    static ProxyServer start(Path dir, String text, String engine) throws IOException, ProxyStartException {
        ProxyServer p = ProxyServer.start(read(dir, text),
                ProxyOptions.defaults().withThreads(1).withJdkTls(engine.equals("jdk")));
        return p;
    }
}
