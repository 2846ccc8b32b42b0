package dev.tandem.proxy.check.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Proxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Backends written as haproxy.cfg text and read by the config module, as users hand them over. */
final class BackendConfig {

    private BackendConfig() {}

    static Proxy read(Path dir, String backendText) throws IOException {
        Path cfg = Files.createTempFile(dir, "haproxy", ".cfg");
        Files.writeString(cfg, "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n"
                + "    timeout server 30s\n\n" + backendText.stripIndent());
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.permissive(Map.of()));
        assertThat(r.model()).as("diagnostics: %s", r.diagnostics()).isPresent();
        return r.model().orElseThrow().backends().getFirst();
    }
}
