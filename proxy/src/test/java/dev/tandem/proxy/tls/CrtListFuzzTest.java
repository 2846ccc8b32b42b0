package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tandem.config.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Any crt-list text gives entries and diagnostics on real line numbers, never an exception. */
class CrtListFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyTextYieldsEntriesOrDiagnostics(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int lines = text.split("\r?\n", -1).length;
        List<Diagnostic> diagnostics = new ArrayList<>();
        CrtList list = CrtList.parse("fuzz.list", text, diagnostics);
        assertThat(list.entries()).allSatisfy(e -> assertThat(e.line()).isBetween(1, lines));
        assertThat(diagnostics).allSatisfy(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.line()).isBetween(1, lines);
        });
        assertThat(list.entries().size() + diagnostics.size()).isLessThanOrEqualTo(lines);
    }
}
