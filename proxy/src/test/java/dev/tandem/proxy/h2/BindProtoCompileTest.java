package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.proxy.model.Bind;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.model.ModelCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** haproxy.cfg to the listener's protocol choice: "proto" on the bind, then "option disable-h2-upgrade". */
class BindProtoCompileTest {

    @TempDir
    Path dir;

    @Test
    void protoAndDisableH2UpgradeCompileToTheBindsChoice() throws Exception {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend auto
                    bind 127.0.0.1:8080
                    bind 127.0.0.1:8081 proto h1
                    bind 127.0.0.1:8082 proto h2
                    default_backend be
                frontend noupgrade
                    option disable-h2-upgrade
                    bind 127.0.0.1:8083
                    bind 127.0.0.1:8084 proto h2
                    default_backend be
                backend be
                    server s1 127.0.0.1:9000
                """);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.permissive(Map.of()));
        assertThat(r.diagnostics()).isEmpty();
        ModelCompiler.Result.Ok ok = (ModelCompiler.Result.Ok) ModelCompiler.compile(r.model().orElseThrow());
        List<Frontend> fes = ok.model().frontends();
        assertThat(fes.get(0).binds()).extracting(Bind::proto).containsExactly(Bind.Proto.AUTO, Bind.Proto.H1,
                Bind.Proto.H2);
        assertThat(fes.get(1).binds()).extracting(Bind::proto).containsExactly(Bind.Proto.NO_UPGRADE, Bind.Proto.H2);
    }
}
