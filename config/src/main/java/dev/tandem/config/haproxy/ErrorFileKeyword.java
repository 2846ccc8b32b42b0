package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.ErrorFile;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.Tune;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code errorfile <code> <file>}: the file is a complete HTTP response, read and checked at
 * parse time, and must fit in bufsize - maxrewrite (configuration.txt "errorfile").
 */
final class ErrorFileKeyword {

    private ErrorFileKeyword() {}

    static void parse(Line line, Map<Integer, ErrorFile> into, Report report) {
        if (line.size() != 3) {
            report.error(line, 0, "'errorfile' expects <code> and <file> as arguments", "e.g. errorfile 503 /etc/haproxy/errors/503.http");
            return;
        }
        String[] why = new String[1];
        Integer code = Numbers.integer(line.text(1), 100, 599, "status code", why);
        if (code == null || !HttpRuleKeyword.ERROR_STATUSES.contains(code)) {
            report.error(line, 1, "'errorfile' : status code " + line.text(1) + " not handled",
                    "haproxy emits only " + HttpRuleKeyword.ERROR_STATUSES.stream().sorted().toList());
            return;
        }
        ErrorFile f = read(line, 2, code, report);
        if (f != null) {
            into.put(code, f);
        }
    }

    static ErrorFile read(Line line, int word, int code, Report report) {
        String name = line.text(word);
        Origin origin = new Origin(line.file(), line.number());
        if (name.equals("/dev/null")) {
            return new ErrorFile(code, name, "", origin);
        }
        Path path = FilePaths.of(name);
        if (path == null) {
            report.error(line, word, "invalid file name '" + name + "'");
            return null;
        }
        int limit = Tune.DEFAULT.bufsize() - Tune.DEFAULT.maxrewrite();
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                report.error(line, word, "error file '" + name + "' is a directory");
                return null;
            }
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(limit + 1);
            }
        } catch (NoSuchFileException e) {
            report.error(line, word, "error opening file '" + name + "': No such file or directory",
                    "errorfile needs a complete HTTP response in a file, e.g. 'HTTP/1.1 503 Service Unavailable' + headers + body");
            return null;
        } catch (IOException | RuntimeException e) {
            report.error(line, word, "error reading file '" + name + "'");
            return null;
        }
        if (bytes.length > limit) {
            report.error(line, word, "error file '" + name + "' is larger than " + limit + " bytes (bufsize - maxrewrite)");
            return null;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String problem = httpResponseProblem(text);
        if (problem != null) {
            report.error(line, word, "unable to parse the HTTP response in '" + name + "': " + problem,
                    "the file must start with a status line such as 'HTTP/1.1 " + code + " ...', then headers, then an empty line");
            return null;
        }
        return new ErrorFile(code, name, text, origin);
    }

    /** Null when the text is a status line, header lines and an empty line; else what is wrong. */
    static String httpResponseProblem(String text) {
        int eol = text.indexOf('\n');
        if (eol < 0) {
            return "no complete status line";
        }
        String status = text.substring(0, eol).replace("\r", "");
        if (!status.matches("HTTP/1\\.[01] [1-5][0-9][0-9]( .*)?")) {
            return "invalid status line '" + (status.length() > 60 ? status.substring(0, 60) + "..." : status) + "'";
        }
        int pos = eol + 1;
        while (true) {
            int next = text.indexOf('\n', pos);
            if (next < 0) {
                return "headers are not terminated by an empty line";
            }
            String header = text.substring(pos, next).replace("\r", "");
            if (header.isEmpty()) {
                return null;
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || header.substring(0, colon).chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                return "invalid header line '" + (header.length() > 60 ? header.substring(0, 60) + "..." : header) + "'";
            }
            pos = next + 1;
        }
    }
}
