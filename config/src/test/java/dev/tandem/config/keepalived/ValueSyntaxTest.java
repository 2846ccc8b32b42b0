package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Value syntax shared by keywords: numbers, decimal seconds, booleans, IP literals, command lines. */
class ValueSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::", "fe80::1", "::ffff:192.0.2.1"})
    void ipLiteralsAreAccepted(String text) {
        assertThat(Values.ip(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "lb1.example.com", "192.0.2", "192.0.2.256", "192.0.2.01", "1.2.3.4.5",
            "2001:db8::1::2", "2001:db8::1%eth0", "", " 192.0.2.1", "0x1.2.3.4"})
    void anythingButALiteralIsRejectedWithoutANameLookup(String text) {
        assertThat(Values.ip(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1, 1000000", "0.5, 500000", "2.25, 2250000", ".5, 500000", "1., 1000000", "0.000001, 1"})
    void decimalSecondsBecomeMicroseconds(String text, long micros) {
        assertThat(Values.micros(text, 0, Long.MAX_VALUE)).hasValue(micros);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "1e3", "-1", "1.0000001", "1,5", "abc", "99999999999999999999"})
    void malformedSecondsAreRejected(String text) {
        assertThat(Values.micros(text, 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void checkTrueFalseAcceptsKeepalivedsWords() {
        assertThat(List.of("true", "on", "yes", "false", "off", "no", "TRUE", "1")).extracting(Values::bool).containsExactly(
                Optional.of(true), Optional.of(true), Optional.of(true), Optional.of(false), Optional.of(false),
                Optional.of(false), Optional.empty(), Optional.empty());
    }

    @Test
    void secondsArePrintedWithoutTrailingZeros() {
        assertThat(List.of(1_000_000L, 500_000L, 2_250_000L, 1L)).extracting(Values::seconds)
                .containsExactly("1", "0.5", "2.25", "0.000001");
    }

    @Test
    void commandLineSplitsLikeKeepalivedBeforeExecve() {
        assertThat(CommandLine.split("/x.sh lb1")).containsExactly("/x.sh", "lb1");
        assertThat(CommandLine.split("/x.sh 'two words' \"and \\\"quoted\\\"\" back\\ slash")).containsExactly(
                "/x.sh", "two words", "and \"quoted\"", "back slash");
        assertThat(CommandLine.split("  /bin/true  ")).containsExactly("/bin/true");
        assertThat(CommandLine.split("/x.sh 'unclosed")).isEmpty();
        assertThat(CommandLine.split("   ")).isEmpty();
    }

    @Test
    void closestKeywordIsTheNearestByEditDistance() {
        assertThat(ClosestKeyword.to("virtual_router", List.of("virtual_router_id", "virtual_routes", "priority")))
                .contains("virtual_routes");
        assertThat(ClosestKeyword.distance("kitten", "sitting")).isEqualTo(3);
    }
}
