package dev.tandem.node;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.keepalived.KeepalivedConfigReader;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import dev.tandem.proxy.listen.InheritedSocket;
import dev.tandem.proxy.tls.TlsConfigCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a node is configured with: the haproxy.cfg files (one model) and the keepalived.conf
 * files (one model each), with every diagnostic of both plus the checks that need both at once
 * and those that need the certificates loaded.
 */
public record ConfigSet(List<Path> haproxyFiles, Optional<HaproxyConfig> haproxy,
        List<KeepalivedConfig> keepalived, List<Diagnostic> diagnostics) {

    public ConfigSet {
        haproxyFiles = List.copyOf(haproxyFiles);
        keepalived = List.copyOf(keepalived);
        diagnostics = List.copyOf(diagnostics);
    }

    public static ConfigSet load(List<Path> haproxyFiles, List<Path> keepalivedFiles, HostFacts host) {
        return load(haproxyFiles, keepalivedFiles, host, Optional.empty());
    }

    /**
     * @param configId keepalived's {@code -i}: which {@code @id} lines apply (default: the host name)
     */
    public static ConfigSet load(List<Path> haproxyFiles, List<Path> keepalivedFiles, HostFacts host,
            Optional<String> configId) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Optional<HaproxyConfig> haproxy = Optional.empty();
        if (!haproxyFiles.isEmpty()) {
            ParseResult<HaproxyConfig> result = HaproxyConfigReader.read(haproxyFiles, host);
            diagnostics.addAll(result.diagnostics());
            haproxy = result.model();
        }
        List<KeepalivedConfig> keepalived = new ArrayList<>();
        for (Path file : keepalivedFiles) {
            ParseResult<KeepalivedConfig> result = configId.isPresent()
                    ? KeepalivedConfigReader.read(file, host, configId.get())
                    : KeepalivedConfigReader.read(file, host);
            diagnostics.addAll(result.diagnostics());
            result.model().ifPresent(keepalived::add);
        }
        if (haproxy.isPresent() && !keepalived.isEmpty()) {
            diagnostics.addAll(VipListenerChecks.run(haproxy.get(), keepalived));
        }
        if (haproxy.isPresent()) {
            // certificates loaded as the proxy will load them, so check and run refuse what start would
            diagnostics.addAll(TlsConfigCheck.run(haproxy.get(), Clock.systemUTC()));
            // haproxy -c checks every fd@ descriptor in the process that reads the config
            diagnostics.addAll(InheritedSocket.check(haproxy.get()));
        }
        return new ConfigSet(haproxyFiles, haproxy, keepalived, inFileOrder(diagnostics));
    }

    /** Stable sort by (first appearance of the file, line): cross-file checks land among their lines. */
    private static List<Diagnostic> inFileOrder(List<Diagnostic> diagnostics) {
        List<String> files = diagnostics.stream().map(Diagnostic::file).distinct().toList();
        return diagnostics.stream()
                .sorted(java.util.Comparator.comparingInt((Diagnostic d) -> files.indexOf(d.file()))
                        .thenComparingInt(Diagnostic::line))
                .toList();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
