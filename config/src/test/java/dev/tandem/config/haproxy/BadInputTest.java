package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.ParseResult;
import dev.tandem.config.Severity;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear diagnostic, never an exception, and huge or deep input cannot blow the stack. */
class BadInputTest {

    private static final String VALID = """
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            frontend fe
                bind 127.0.0.1:8080
                default_backend be
            backend be
                server s1 127.0.0.1:8081
            """;

    @TempDir
    Path tmp;

    private ParseResult<HaproxyConfig> read(Path... paths) {
        return HaproxyConfigReader.read(List.of(paths), Fixtures.host());
    }

    @Test
    void missingFileIsAnErrorNamingTheFile() {
        Path missing = tmp.resolve("nope.cfg");
        ParseResult<HaproxyConfig> r = read(missing);
        assertThat(r.model()).isEmpty();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo(missing.toString());
            assertThat(d.message()).isEqualTo("cannot open configuration file: No such file or directory");
        });
    }

    @Test
    void directoryWithoutCfgFilesIsAnError() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "global\n");
        ParseResult<HaproxyConfig> r = read(tmp);
        assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly("directory contains no *.cfg file");
        assertThat(r.hasErrors()).isTrue();
    }

    @Test
    void directoryMeansItsCfgFilesInLexicalOrder() throws IOException {
        // haproxy -f <dir>: *.cfg in lexical order; several global sections merge.
        Files.writeString(tmp.resolve("20-proxies.cfg"), VALID);
        Files.writeString(tmp.resolve("10-global.cfg"), "global\n    maxconn 100\n");
        Files.writeString(tmp.resolve("30-more-global.cfg"), "global\n    nbthread 2\n");
        Files.writeString(tmp.resolve("ignored.conf"), "this is not read\n");
        ParseResult<HaproxyConfig> r = read(tmp);
        assertThat(r.diagnostics()).isEmpty();
        HaproxyConfig cfg = r.model().orElseThrow();
        assertThat(cfg.global().maxconn()).hasValue(100);
        assertThat(cfg.global().nbthread()).hasValue(2);
    }

    @Test
    void diagnosticsOfSeveralFilesComeInFileOrder() throws IOException {
        Path a = tmp.resolve("b.cfg");
        Path b = tmp.resolve("a.cfg");
        Files.writeString(a, "global\n    bogus1\n");
        Files.writeString(b, "global\n\n\n    bogus2\n");
        ParseResult<HaproxyConfig> r = read(a, b);
        assertThat(r.diagnostics()).extracting(Diagnostic::file).containsExactly(a.toString(), b.toString());
    }

    @Test
    void binaryGarbageIsRefused() throws IOException {
        Path bin = tmp.resolve("garbage.cfg");
        byte[] bytes = new byte[4096];
        new java.util.Random(42).nextBytes(bytes);
        bytes[100] = 0;
        Files.write(bin, bytes);
        ParseResult<HaproxyConfig> r = read(bin);
        assertThat(r.model()).isEmpty();
        assertThat(r.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).startsWith("binary content (NUL byte)"));
    }

    @Test
    void fiftyMegabyteFileIsRefusedWithoutReadingIt() throws IOException {
        Path big = tmp.resolve("big.cfg");
        byte[] chunk = "# padding padding padding padding padding padding padding padding padding\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (long written = 0; written < 50L * 1024 * 1024; written += chunk.length) {
                out.write(chunk);
            }
        }
        ParseResult<HaproxyConfig> r = read(big);
        assertThat(r.model()).isEmpty();
        assertThat(r.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("a configuration file may be at most"));
    }

    @Test
    void veryLongLineIsParsed() {
        String value = "a".repeat(1_000_000);
        String cfg = VALID.replace("    default_backend be\n",
                "    default_backend be\n    http-request set-header X-Long \"" + value + "\"\n");
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.readText("long.cfg", cfg, Fixtures.host());
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.model().orElseThrow().frontends().get(0).httpRequestRules()).hasSize(1);
    }

    @Test
    void tooManyWordsOnOneLineIsAnError() {
        String cfg = VALID + "    acl many src" + " 127.0.0.1".repeat(100) + "\n";
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.readText("many.cfg", cfg, Fixtures.host());
        assertThat(Fixtures.briefs(r.diagnostics()))
                .containsExactly("11: error: too many words on one line; at most 64 are allowed");
    }

    @Test
    void deeplyNestedIfBlocksAreReportedNotRecursed() {
        int depth = 100_000;
        String cfg = ".if 1\n".repeat(depth) + VALID + ".endif\n".repeat(depth);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.readText("deep.cfg", cfg, Fixtures.host());
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.line()).isEqualTo(11);
            assertThat(d.message()).isEqualTo("too many nested '.if' blocks; at most 10 are allowed");
        });
    }

    @Test
    void deeplyNestedConditionExpressionIsAnError() {
        String cfg = ".if " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "\n.endif\n" + VALID;
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.readText("deep.cfg", cfg, Fixtures.host());
        assertThat(Fixtures.briefs(r.diagnostics()))
                .containsExactly("1: error: condition nested too deeply (more than 64 levels)");
    }

    @Test
    void emptyInputGivesAnEmptyModel() {
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.readText("empty.cfg", "", Fixtures.host());
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.model().orElseThrow().proxies()).isEmpty();
    }

    @Test
    void aFloodOfBadLinesStopsAtTheDiagnosticCap() {
        String cfg = "frontend fe\n" + "    bogus keyword\n".repeat(200_000);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.readText("flood.cfg", cfg, Fixtures.host());
        assertThat(r.model()).isEmpty();
        assertThat(r.diagnostics()).hasSize(Report.MAX_DIAGNOSTICS + 1);
        assertThat(r.diagnostics()).last().satisfies(d -> assertThat(d.message())
                .isEqualTo("too many problems: stopped reading after 1000 diagnostics"));
        assertThat(r.diagnostics().get(Report.MAX_DIAGNOSTICS).line()).isEqualTo(1002);
    }
}
