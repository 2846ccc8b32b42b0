package dev.tandem.node.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs {@code tandem ...} in-process and keeps what it printed. */
record Cli(int exit, String out, String err) {

    static Cli run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TandemCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The article's configs in a temp dir, with the certificate path of the https-in frontend
     * pointing at a real self-signed PEM (the seed names /etc/ssl/private/site.pem).
     */
    static Path seedInto(Path dir) throws IOException {
        Path pem = dir.resolve("site.pem");
        copy("/seed/site.pem", pem);
        String haproxy = resource("/seed/haproxy.cfg").replace("/etc/ssl/private/site.pem", pem.toString());
        Files.writeString(dir.resolve("haproxy.cfg"), haproxy);
        copy("/seed/keepalived.conf", dir.resolve("keepalived.conf"));
        return dir;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Cli.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copy(String name, Path to) throws IOException {
        try (InputStream in = Cli.class.getResourceAsStream(name)) {
            Files.copy(in, to);
        }
    }
}
