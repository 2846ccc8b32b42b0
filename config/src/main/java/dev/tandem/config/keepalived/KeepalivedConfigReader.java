package dev.tandem.config.keepalived;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a keepalived.conf (keepalived 2.2.7 syntax) into a validated {@link KeepalivedConfig}.
 * Never throws for bad input: every problem is a {@link Diagnostic}, and the model is present
 * only when none is an error.
 */
public final class KeepalivedConfigReader {

    private KeepalivedConfigReader() {}

    /** Reads with this machine's host name as the config id for {@code @id} lines, as keepalived does. */
    public static ParseResult<KeepalivedConfig> read(Path file, HostFacts host) {
        return read(file, host, defaultConfigId(host));
    }

    /** Reads with an explicit config id ({@code keepalived -i ID}) for {@code @id} / {@code @^id} lines. */
    public static ParseResult<KeepalivedConfig> read(Path file, HostFacts host, String configId) {
        return read(file, file.toString(), new FileSystemSources(), host, configId);
    }

    /** The pure core: the loader decides where text comes from (memory in tests and fuzzing). */
    static ParseResult<KeepalivedConfig> read(Path file, String shownName, SourceLoader loader, HostFacts host,
            String configId) {
        Diagnostics report = new Diagnostics();
        KeepalivedLexer lexer = new KeepalivedLexer(loader, configId, report);
        List<SourceLine> lines;
        KeepalivedConfig config = null;
        try {
            lines = lexer.read(file, shownName);
            List<Statement> sections = StatementReader.read(lines, report);
            config = new ConfigCompiler(report, host).compile(sections, configId);
        } catch (RuntimeException e) {
            // A bug must not cost the user the diagnostics found so far; report it as one more error.
            report.accept(Diagnostic.error(shownName, 0, "internal error while reading the file: " + e
                    + " - please report it with this configuration"));
        } catch (StackOverflowError e) {
            report.accept(Diagnostic.error(shownName, 0, "configuration nested too deeply to read"));
        }
        List<Diagnostic> diagnostics = report.inFileOrder(lexer.files());
        boolean errors = report.hasErrors();
        return new ParseResult<>(errors || config == null ? Optional.empty() : Optional.of(config), diagnostics);
    }

    /** keepalived's default config id: the node name up to its first dot. */
    private static String defaultConfigId(HostFacts host) {
        String name = host.env("HOSTNAME").orElse(null);
        if (name == null || name.isBlank()) {
            try {
                name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                name = "";
            }
        }
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
