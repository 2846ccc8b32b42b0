package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import java.util.Map;

/** Any bytes as a whole haproxy.cfg: a ParseResult, never an exception, never an "internal error". */
class HaproxyReaderFuzzTest {

    private static final HostFacts HOST = HostFacts.permissive(Map.of("PORT", "8080"));

    @FuzzTest(maxDuration = "20s")
    void readerNeverThrows(byte[] input) {
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.readBytes("fuzz.cfg", input, HOST);
        assertThat(r.model().isPresent()).isEqualTo(!r.hasErrors());
        assertThat(r.diagnostics()).noneSatisfy(d -> assertThat(d.message()).startsWith("internal error"));
    }
}
