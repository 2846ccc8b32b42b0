package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.ParseResult;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input never throws: it becomes diagnostics and no model. */
class ReaderRobustnessTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsOneErrorWithoutAModel() {
        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(dir.resolve("nope.conf"), FakeHost.everything());

        assertThat(result.model()).isEmpty();
        assertThat(result.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("cannot open configuration file: No such file or directory");
    }

    @Test
    void directoryIsRefused() {
        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(dir, FakeHost.everything());

        assertThat(result.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("is a directory, not a configuration file");
    }

    @Test
    void binaryGarbageIsRefusedAsNotText() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        garbage[100] = 0;
        Path file = Files.write(dir.resolve("garbage.conf"), garbage);

        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(file, FakeHost.everything());

        assertThat(result.model()).isEmpty();
        assertThat(result.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
                .startsWith("binary content (NUL byte)");
    }

    @Test
    void fiftyMegabyteFileIsRefusedBySize() throws IOException {
        Path file = dir.resolve("huge.conf");
        Files.writeString(file, "# a config that goes on and on\n");
        // Sparse: the size alone must refuse it, before a byte of the rest is read.
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.setLength(50L * 1024 * 1024);
        }

        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(file, FakeHost.everything());

        assertThat(result.model()).isEmpty();
        assertThat(result.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
                .contains("a configuration file may be at most 16777216 bytes");
    }

    @Test
    void deepIncludeNestingStopsAtTheLimitAndReportsIt() throws IOException {
        for (int i = 0; i < 100; i++) {
            Files.writeString(dir.resolve("level" + i + ".conf"), "include level" + (i + 1) + ".conf\n");
        }

        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(dir.resolve("level0.conf"), FakeHost.everything());

        assertThat(result.model()).isEmpty();
        assertThat(result.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("includes nested more than 16 levels deep at 'level17.conf' - ignoring this include");
    }

    @Test
    void includeGlobOnDiskReadsMatchesInNameOrder() throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("keepalived.conf"), "include conf.d/*.conf\n");
        Files.writeString(dir.resolve("conf.d/20-b.conf"), vrrp("VI_B", 52, "192.0.2.11"));
        Files.writeString(dir.resolve("conf.d/10-a.conf"), vrrp("VI_A", 51, "192.0.2.10"));
        Files.writeString(dir.resolve("conf.d/.hidden.conf"), "garbage {");

        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(dir.resolve("keepalived.conf"), FakeHost.everything());

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.model().orElseThrow().instances()).extracting(i -> i.name()).containsExactly("VI_A", "VI_B");
    }

    @Test
    void deeplyNestedBracesAreReportedNotOverflowed() throws IOException {
        Path file = Files.writeString(dir.resolve("braces.conf"), "global_defs\n" + "x {\n".repeat(50_000) + "}\n".repeat(50_000));

        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(file, FakeHost.everything());

        assertThat(result.model()).isEmpty();
        assertThat(result.diagnostics()).extracting(Diagnostic::message)
                .contains("blocks nested more than 32 deep - ignoring 'x'");
    }

    @Test
    void aMillionWordsOfBadLinesAreCutOffAndListedUpToTheCap() throws IOException {
        Path file = Files.writeString(dir.resolve("words.conf"),
                "a b c d e f g h i j k l m n o p q r s t u v w x y z\n".repeat(40_000));

        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(file, FakeHost.everything());

        assertThat(result.model()).isEmpty();
        assertThat(result.diagnostics()).hasSize(Diagnostics.MAX_DIAGNOSTICS + 1);
        assertThat(result.diagnostics()).extracting(Diagnostic::line, Diagnostic::message).contains(
                org.assertj.core.groups.Tuple.tuple(1, "Unknown keyword 'a'"),
                org.assertj.core.groups.Tuple.tuple(38462, "more than 1000000 words in all files - the rest is not read"));
        assertThat(result.diagnostics().getLast().message())
                .isEqualTo("28462 more diagnostics not shown (stopped listing after 10000)");
    }

    @Test
    void overlongLineIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("long.conf"), "router_id " + "x".repeat(70_000) + "\n");

        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(file, FakeHost.everything());

        assertThat(result.diagnostics()).extracting(Diagnostic::line, Diagnostic::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "line is longer than 65536 characters - ignoring it"));
    }

    @Test
    void emptyFileGivesAnEmptyModel() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.conf"), "");

        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(file, FakeHost.everything());

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.model().orElseThrow().instances()).isEmpty();
    }

    private static String vrrp(String name, int vrid, String vip) {
        return "vrrp_instance " + name + " {\n interface eth0\n virtual_router_id " + vrid
                + "\n virtual_ipaddress {\n  " + vip + "/24\n }\n}\n";
    }
}
