package dev.tandem.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a configuration file's text for a parser, refusing what no configuration can be: an
 * unreadable or missing file, binary content, or a file too large to be a config. Failures are
 * diagnostics, never exceptions, so bad input can never end in a stack trace.
 */
public final class ConfigText {

    /** Far above any real config (haproxy's biggest generated ones are a few MB). */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    private ConfigText() {}

    /**
     * The file's lines (without line terminators), or null after reporting why there are none.
     *
     * @param shownName the name to print in diagnostics (as the user wrote it)
     */
    public static List<String> readLines(Path path, String shownName, Consumer<Diagnostic> report) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                report.accept(Diagnostic.error(shownName, 0, "is a directory, not a configuration file"));
                return null;
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                report.accept(Diagnostic.error(shownName, 0, "file is " + size + " bytes; a configuration"
                        + " file may be at most " + MAX_BYTES + " bytes"));
                return null;
            }
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            report.accept(Diagnostic.error(shownName, 0, "cannot open configuration file: No such file or directory"));
            return null;
        } catch (AccessDeniedException e) {
            report.accept(Diagnostic.error(shownName, 0, "cannot open configuration file: Permission denied"));
            return null;
        } catch (IOException e) {
            report.accept(Diagnostic.error(shownName, 0, "cannot read configuration file: " + e.getMessage()));
            return null;
        }
        return lines(bytes, shownName, report);
    }

    /** Splits already-read bytes into lines, rejecting binary content. */
    public static List<String> lines(byte[] bytes, String shownName, Consumer<Diagnostic> report) {
        int line = 1;
        for (byte b : bytes) {
            if (b == 0) {
                report.accept(Diagnostic.error(shownName, line, "binary content (NUL byte): this is not a text configuration file"));
                return null;
            }
            if (b == '\n') {
                line++;
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Latin-1 configs exist in the wild; every byte maps, so nothing is lost.
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        List<String> result = text.lines().toList();
        return result;
    }
}
