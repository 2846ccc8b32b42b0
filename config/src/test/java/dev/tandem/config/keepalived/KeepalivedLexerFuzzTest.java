package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tandem.config.Diagnostic;
import dev.tandem.config.ParseResult;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import java.nio.file.Path;

/**
 * Any bytes, as keepalived.conf (and as a file it includes), yield a ParseResult: never an
 * exception, never an internal error, and a model only when there is no error.
 */
class KeepalivedLexerFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyBytesYieldAParseResult(byte[] data) {
        MemorySources files = new MemorySources()
                .put("/k/keepalived.conf", data)
                .put("/k/conf.d/a.conf", data)
                .put("/k/b.inc", "include keepalived.conf\n$X=@lb1 priority 1\n");

        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(Path.of("/k/keepalived.conf"),
                "keepalived.conf", files, FakeHost.bareMachine(), "lb1");

        assertThat(result.diagnostics()).noneMatch(d -> d.message().startsWith("internal error"));
        assertThat(result.model().isPresent()).isEqualTo(result.diagnostics().stream().noneMatch(Diagnostic::isError));
    }
}
