package dev.tandem.config.keepalived;

import dev.tandem.config.ConfigText;
import dev.tandem.config.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Config files held in memory, keyed by absolute path: the lexer's tests and fuzzing never touch disk. */
final class MemorySources implements SourceLoader {

    private final Map<Path, byte[]> files = new HashMap<>();

    MemorySources put(String path, String text) {
        return put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    MemorySources put(String path, byte[] bytes) {
        files.put(Path.of(path), bytes);
        return this;
    }

    @Override
    public List<String> load(Path path, String shownName, Consumer<Diagnostic> report) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            report.accept(Diagnostic.error(shownName, 0, "cannot open configuration file: No such file or directory"));
            return null;
        }
        return ConfigText.lines(bytes, shownName, report);
    }

    @Override
    public boolean exists(Path path) {
        return files.containsKey(path);
    }

    @Override
    public List<Path> glob(Path pattern) {
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (RuntimeException e) {
            // Like glob(3), a malformed pattern simply matches nothing.
            return List.of();
        }
        return files.keySet().stream().filter(matcher::matches).sorted().toList();
    }
}
