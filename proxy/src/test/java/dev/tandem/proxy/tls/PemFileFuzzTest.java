package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Any bytes as a PEM crt: certificates and a key, or one {@link PemFile.Invalid} reason, never another exception. */
class PemFileFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyBytesParseOrAreInvalid(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        try {
            PemFile pem = PemFile.parse(text);
            assertThat(text).contains("-----BEGIN ");
            assertThat(pem.certificates()).doesNotContainNull();
        } catch (PemFile.Invalid e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
