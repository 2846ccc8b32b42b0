package dev.tandem.config.keepalived;

import dev.tandem.config.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Where the lexer gets file text and include globs from: the file system, or memory in tests. */
interface SourceLoader {

    /** The file's lines, or null after reporting why there are none. */
    List<String> load(Path path, String shownName, Consumer<Diagnostic> report);

    /** Whether something (file or directory) exists at the path. */
    boolean exists(Path path);

    /** Regular files matching a glob pattern (an absolute path with {@code * ? [ ]}), sorted. */
    List<Path> glob(Path pattern);
}
