package dev.tandem.proxy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.proxy.model.Logging;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** configuration.txt §8.2.6: log-format strings, one renderer for headers, bodies and log lines. */
class LogFormatTest {

    private final FakeTransaction tx = new FakeTransaction().header("Host", "example.org");

    @Test
    void sampleExpressionRendersFetchThenConverters() {
        assertThat(LogFormat.parse("%[src] %[req.hdr(host),upper] %[src,ipmask(24)]").render(tx))
                .isEqualTo("192.0.2.10 EXAMPLE.ORG 192.0.2.0");
    }

    @Test
    void ipv6SourceIsWrittenPlainAndCompressed() {
        tx.source = new InetSocketAddress(InetAddress.ofLiteral("::1"), 5);
        assertThat(LogFormat.parse("%[src]").render(tx)).isEqualTo("::1");
        tx.source = new InetSocketAddress(InetAddress.ofLiteral("2001:db8:0:0:1:0:0:1"), 5);
        assertThat(LogFormat.parse("%[src]").render(tx)).isEqualTo("2001:db8::1:0:0:1");
    }

    @Test
    void doublePercentIsALiteralPercent() {
        assertThat(LogFormat.parse("100%% %[method]").render(tx)).isEqualTo("100% GET");
    }

    @Test
    void absentSampleIsEmptyInHeadersAndDashInLogs() {
        LogFormat f = LogFormat.parse("[%[req.hdr(x-none)]]");
        assertThat(f.render(tx)).isEqualTo("[]");
        assertThat(f.renderLog(tx)).isEqualTo("[-]");
    }

    @Test
    void quoteFlagWrapsTheValue() {
        tx.aliases.put("r", "GET / HTTP/1.1");
        assertThat(LogFormat.parse("%{+Q}r").renderLog(tx)).isEqualTo("\"GET / HTTP/1.1\"");
    }

    @Test
    void emptyCaptureAliasesDropWithTheirSpaceAsHttplogDoes() {
        tx.aliases.putAll(java.util.Map.of("ci", "127.0.0.1", "cp", "1", "tr", "25/Nov/2026:15:41:10.531",
                "ft", "fe", "b", "be", "s", "s1", "TR", "0", "Tw", "0", "Tc", "1", "Tr", "0"));
        tx.aliases.putAll(java.util.Map.of("Ta", "1", "ST", "200", "B", "237", "CC", "-", "CS", "-", "tsc", "----",
                "ac", "1", "fc", "1", "bc", "0", "sc", "0"));
        tx.aliases.putAll(java.util.Map.of("rc", "0", "sq", "0", "bq", "0", "hr", "", "hs", "",
                "r", "GET /x?y=1 HTTP/1.1"));
        assertThat(LogFormat.parse(Logging.HTTPLOG).renderLog(tx)).isEqualTo(
                "127.0.0.1:1 [25/Nov/2026:15:41:10.531] fe be/s1 0/0/1/0/1 200 237 - - ---- 1/1/0/0/0 0/0 "
                        + "\"GET /x?y=1 HTTP/1.1\"");
    }

    @Test
    void unknownFetchIsAClearError() {
        assertThatThrownBy(() -> LogFormat.parse("%[nope(1)]")).isInstanceOf(RuleSyntaxException.class)
                .hasMessageContaining("unknown fetch method 'nope'");
    }

    /** haproxy -c: env, var, str, int and bool need their argument (a fuzzer found %[env] crashing the render). */
    @Test
    void aFetchWithoutItsRequiredArgumentIsAClearError() {
        assertThatThrownBy(() -> LogFormat.parse("x %[env] y")).isInstanceOf(RuleSyntaxException.class)
                .hasMessage("fetch method 'env' : missing arguments (got 0/1) in log-format 'x %[env] y'");
        assertThatThrownBy(() -> LogFormat.parse("%[var()]")).hasMessageContaining("fetch method 'var' : missing");
    }

    /** Every fetch either needs an argument (a start error) or renders without one: nothing throws at request time. */
    @Test
    void everyFetchWithoutArgumentsIsRejectedOrRenders() {
        for (String name : Fetches.NAMES) {
            LogFormat f;
            try {
                f = LogFormat.parse("%[" + name + "]");
            } catch (RuleSyntaxException e) {
                assertThat(e).as(name).hasMessageContaining("missing arguments");
                continue;
            }
            assertThat(f.renderLog(tx)).as(name).isNotNull();
        }
    }

    @Test
    void unterminatedSampleIsAClearError() {
        assertThatThrownBy(() -> LogFormat.parse("%[src")).hasMessageContaining("missing ']'");
    }
}
