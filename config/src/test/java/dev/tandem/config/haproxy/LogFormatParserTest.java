package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.config.haproxy.model.LogFormat;
import dev.tandem.config.haproxy.model.LogFormat.Alias;
import dev.tandem.config.haproxy.model.LogFormat.Flags;
import dev.tandem.config.haproxy.model.LogFormat.Literal;
import dev.tandem.config.haproxy.model.LogFormat.Sample;
import dev.tandem.config.haproxy.model.SampleExpr;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Log-format strings (configuration.txt §8.2.6) and sample expressions (§7.3). */
class LogFormatParserTest {

    @Test
    void aliasesLiteralsAndPercentPercent() throws Exception {
        LogFormat f = LogFormatParser.parse("%ci:%cp 100%% %ST");
        assertThat(f.nodes()).containsExactly(new Alias("ci", Flags.NONE), new Literal(":"), new Alias("cp", Flags.NONE),
                new Literal(" 100% "), new Alias("ST", Flags.NONE));
    }

    @Test
    void aliasNameIsTheLongestRunOfLetters() throws Exception {
        assertThat(LogFormatParser.parse("%HPO/%Tw").nodes())
                .containsExactly(new Alias("HPO", Flags.NONE), new Literal("/"), new Alias("Tw", Flags.NONE));
    }

    @Test
    void flagsApplyToOneItemAndPercentOSetsTheDefault() throws Exception {
        Flags q = new Flags(true, false, false);
        assertThat(LogFormatParser.parse("%{+Q}r %t").nodes())
                .containsExactly(new Alias("r", q), new Literal(" "), new Alias("t", Flags.NONE));
        assertThat(LogFormatParser.parse("%{+Q}o %t %{-Q}r").nodes())
                .containsExactly(new Literal(" "), new Alias("t", q), new Literal(" "), new Alias("r", Flags.NONE));
        assertThat(LogFormatParser.parse("%{+E,+X}ci").nodes()).containsExactly(new Alias("ci", new Flags(false, true, true)));
    }

    @Test
    void sampleExpressionWithArgumentsAndConverters() throws Exception {
        LogFormat f = LogFormatParser.parse("%[req.hdr(host,1),lower,field(1,:)]");
        assertThat(f.nodes()).containsExactly(new Sample(new SampleExpr(new SampleExpr.Call("req.hdr", List.of("host", "1")),
                List.of(new SampleExpr.Call("lower", List.of()), new SampleExpr.Call("field", List.of("1", ":")))), Flags.NONE));
    }

    @Test
    void bracketInsideConverterArgumentsDoesNotCloseTheSample() throws Exception {
        LogFormat f = LogFormatParser.parse("%[path,regsub(^/[a-z]+/,/)]x");
        assertThat(f.nodes()).hasSize(2);
        assertThat(((Sample) f.nodes().get(0)).expression().converters().get(0).args()).containsExactly("^/[a-z]+/", "/");
    }

    @Test
    void trackCounterFetchesAreKnownForEveryCounter() throws Exception {
        assertThat(SampleExprParser.parse("sc0_http_req_rate(0)").fetch().name()).isEqualTo("sc0_http_req_rate");
    }

    @Test
    void builtinFormatsParse() {
        assertThat(LogFormatParser.builtin(LogFormatParser.HTTPLOG).nodes()).hasSize(51);
        assertThat(LogFormatParser.builtin(LogFormatParser.HTTPLOG_CLF).isConstant()).isFalse();
        assertThat(LogFormatParser.builtin(LogFormatParser.TCPLOG).nodes()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "%[nosuchfetch] => unknown fetch method 'nosuchfetch' in log-format '%[nosuchfetch]'",
        "%[sorc] => unknown fetch method 'sorc'; did you mean 'src'? in log-format '%[sorc]'",
        "%[src,lowr] => unknown converter 'lowr'; did you mean 'lower'? in log-format '%[src,lowr]'",
        "%[src => missing ']' after '%[' in log-format '%[src'",
        "%[req.hdr(host] => missing ']' after '%[' in log-format '%[req.hdr(host]'",
        "%[src,] => missing converter name after ',' in 'src,' in log-format '%[src,]'",
        "%[] => empty sample expression in log-format '%[]'",
        "%STT => no such log-format alias '%STT'; did you mean '%ST'?",
        "%zz => no such log-format alias '%zz'",
        "50% => '%' at the end of log-format '50%'",
        "% x => '%' must be followed by an alias, '[' or '%' in log-format '% x'",
        "%{+Z}r => unknown log-format flag '+Z'",
        "%{+Q r => missing '}' after '%{' in log-format '%{+Q r'"})
    void badFormatsNameTheOffendingPart(String format, String message) {
        assertThatThrownBy(() -> LogFormatParser.parse(format)).isInstanceOf(LogFormatParser.Invalid.class).hasMessage(message);
    }
}
