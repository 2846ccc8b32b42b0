package dev.tandem.config.haproxy;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** File names from a config become paths here; a name no file system accepts (a NUL from "\x00") is null. */
final class FilePaths {

    private FilePaths() {}

    static Path of(String name) {
        if (name.isEmpty()) {
            return null;
        }
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
