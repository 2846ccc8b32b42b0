package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Any bytes through the lexer and the conditional blocks: words or diagnostics, never an exception. */
class HaproxyLexerFuzzTest {

    private static final HostFacts HOST = HostFacts.permissive(Map.of("PORT", "8080", "EMPTY", ""));

    @FuzzTest(maxDuration = "20s")
    void lexerNeverThrows(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        List<String> lines = text.lines().toList();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Lexer lexer = new Lexer(HOST);
        for (int i = 0; i < lines.size(); i++) {
            Line line = lexer.tokenize("fuzz.cfg", i + 1, lines.get(i), diagnostics::add);
            assertThat(line.size()).isLessThanOrEqualTo(Lexer.MAX_WORDS);
            for (Word w : line.words()) {
                assertThat(w.column()).isBetween(1, lines.get(i).length());
            }
        }
        List<Line> active = new ConditionalBlocks(HOST).activeLines("fuzz.cfg", lines, diagnostics::add);
        assertThat(active.size()).isLessThanOrEqualTo(lines.size());
        assertThat(diagnostics).allSatisfy(d -> assertThat(d.line()).isBetween(0, lines.size()));
    }
}
