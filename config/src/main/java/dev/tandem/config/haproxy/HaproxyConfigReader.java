package dev.tandem.config.haproxy;

import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import java.nio.file.Path;
import java.util.List;

/** The haproxy.cfg front-end: reads files as {@code haproxy -f} does and compiles them to the model. */
public final class HaproxyConfigReader {

    private HaproxyConfigReader() {}

    /** haproxy -f semantics: files in order; a directory means its *.cfg files in lexical order. */
    public static ParseResult<HaproxyConfig> read(List<Path> filesOrDirs, HostFacts host) {
        throw new UnsupportedOperationException("not yet");
    }
}
