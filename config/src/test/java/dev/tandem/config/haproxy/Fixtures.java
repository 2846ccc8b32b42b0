package dev.tandem.config.haproxy;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test resources and a few ways to print diagnostics compactly for comparison. */
final class Fixtures {

    private Fixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/haproxy/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource haproxy/" + name, e);
        }
    }

    static String text(String name) {
        try {
            return Files.readString(resource(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "line: severity: message" — the file name is left out, it depends on where the test runs. */
    static String brief(Diagnostic d) {
        return d.line() + ": " + d.severity().label() + ": " + d.message();
    }

    static List<String> briefs(List<Diagnostic> ds) {
        return ds.stream().map(Fixtures::brief).toList();
    }

    /** A machine with the given environment, where files exist only if they really do. */
    static HostFacts host(Map<String, String> env) {
        HostFacts system = HostFacts.system();
        return new HostFacts() {
            @Override
            public Optional<String> env(String name) {
                return Optional.ofNullable(env.get(name));
            }

            @Override
            public boolean interfaceExists(String name) {
                return false;
            }

            @Override
            public boolean isReadableFile(Path path) {
                return system.isReadableFile(path);
            }

            @Override
            public boolean isExecutable(Path path) {
                return system.isExecutable(path);
            }
        };
    }

    static HostFacts host() {
        return host(Map.of());
    }
}
