package dev.tandem.config.keepalived;

import dev.tandem.config.ConfigText;
import dev.tandem.config.Diagnostic;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The real file system, read through {@link ConfigText} so bad files become diagnostics. */
final class FileSystemSources implements SourceLoader {

    /** A glob that matches more than this is a mistake, not a configuration. */
    static final int MAX_GLOB_MATCHES = 1024;

    @Override
    public List<String> load(Path path, String shownName, Consumer<Diagnostic> report) {
        return ConfigText.readLines(path, shownName, report);
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public List<Path> glob(Path pattern) {
        List<Path> found = new ArrayList<>();
        Path root = pattern.getRoot() == null ? Path.of("") : pattern.getRoot();
        expand(root, pattern, 0, found);
        found.sort(null);
        return found;
    }

    private static void expand(Path dir, Path pattern, int index, List<Path> found) {
        if (found.size() > MAX_GLOB_MATCHES) {
            return;
        }
        if (index == pattern.getNameCount()) {
            if (Files.isRegularFile(dir)) {
                found.add(dir);
            }
            return;
        }
        String segment = pattern.getName(index).toString();
        if (!IncludeGlob.hasWildcard(segment)) {
            expand(dir.resolve(segment), pattern, index + 1, found);
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, segment)) {
            for (Path entry : entries) {
                // glob(3) without GLOB_PERIOD: a wildcard never matches a leading dot.
                if (entry.getFileName().toString().startsWith(".") && !segment.startsWith(".")) {
                    continue;
                }
                expand(entry, pattern, index + 1, found);
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable directory or a pattern the JDK rejects matches nothing.
        }
    }
}
