package dev.tandem.config.keepalived;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads a keepalived.conf into a validated {@link KeepalivedConfig}, with diagnostics. */
public final class KeepalivedConfigReader {

    private KeepalivedConfigReader() {}

    public static ParseResult<KeepalivedConfig> read(Path file, HostFacts host) {
        return new ParseResult<>(Optional.empty(),
                List.of(Diagnostic.error(file.toString(), 0, "keepalived.conf reading is not implemented yet")));
    }
}
