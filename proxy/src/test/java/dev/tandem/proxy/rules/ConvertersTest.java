package dev.tandem.proxy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** configuration.txt §7.3.1: the converters to implement first. */
class ConvertersTest {

    private final FakeTransaction tx = new FakeTransaction();

    @ParameterizedTest(name = "{0} of ''{1}'' is ''{2}''")
    @CsvSource(delimiter = '|', value = {
        "lower|AbC|abc",
        "upper|AbC|ABC",
        "base64|hello|aGVsbG8=",
        "b64dec|aGVsbG8=|hello",
        "hex|AB|4142",
        "url_dec|a%20b|a b",
        "'field(2,/)'|/a/b/c|a",
        "'field(-1,/)'|/a/b/c|c",
        "'word(2,/)'|/a/b/c|b",
        "'regsub(a+,X,g)'|caaab aa|cXb X",
        "'bytes(1,3)'|abcdef|bcd",
        "add(5)|10|15",
        "sub(5)|10|5",
        "mul(3)|10|30",
        "div(3)|10|3",
        "div(0)|10|9223372036854775807",
        "bool|0|0",
        "not|0|1",
        "length|abcd|4",
        "json|a\"b|a\\\"b",
        "crc32|abc|891568578",
        "djb2|abc|193485963",
        "'ipmask(16)'|192.0.2.10|192.0.0.0",
    })
    void converterResult(String conv, String input, String expected) {
        SampleExpr e = SampleExpr.parse("str(" + input.replace(",", "\\,").replace(")", "\\)") + ")," + conv);
        assertThat(e.evaluate(tx)).isEqualTo(expected);
    }

    @Test
    void ipmaskTakesTheSecondArgumentForIpv6() {
        assertThat(SampleExpr.parse("str(2001:db8:1:2::5),ipmask(24,32)").evaluate(tx)).isEqualTo("2001:db8::");
    }
}
