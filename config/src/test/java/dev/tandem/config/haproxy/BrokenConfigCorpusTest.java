package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broken-config corpus (src/test/resources/haproxy/broken): every file with the exact
 * diagnostics it must produce, as "line: severity: message" (file name replaced by &lt;dir&gt;/).
 */
class BrokenConfigCorpusTest {

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("absurd-maxconn.cfg", List.of(
                        "2: error: 'maxconn' value '99999999999999999999' is out of range; it must be between 1 and 2147483647")),
                Arguments.of("acl-undefined.cfg", List.of(
                        "9: error: no such ACL : 'is_apii' in frontend 'fe'; did you mean 'is_api'?")),
                Arguments.of("alert-directive.cfg", List.of(
                        "7: error: this configuration needs QUIC support")),
                Arguments.of("bad-escape.cfg", List.of(
                        "9: error: truncated or invalid hexadecimal sequence '\\xZZ'")),
                Arguments.of("bad-timeout-unit.cfg", List.of(
                        "6: error: 'timeout http-request' : invalid time unit 'x' in '10x'; known units are us, ms, s, m, h and d",
                        "7: error: 'timeout queue' : time value '99999999999' is too large; the maximum is 2147483647ms (about 24.8 days)")),
                Arguments.of("balance-unknown.cfg", List.of(
                        "10: error: 'balance' : unknown algorithm 'roundrobbin'; did you mean 'roundrobin'?")),
                Arguments.of("bind-bad-option.cfg", List.of(
                        "7: error: 'bind 127.0.0.1:8080' unknown keyword 'transparant'; did you mean 'transparent'?")),
                Arguments.of("bind-env-outside-quotes.cfg", List.of(
                        "7: error: 'bind' : missing port specification in '0.0.0.0:$PORT'")),
                Arguments.of("bind-invalid-port.cfg", List.of(
                        "7: error: 'bind' : invalid port '70000'")),
                Arguments.of("bind-ipv6-without-port.cfg", List.of(
                        "7: error: 'bind' : invalid address: ':' in '::1'")),
                Arguments.of("bind-missing-port.cfg", List.of(
                        "7: error: 'bind' : missing port specification in '127.0.0.1'")),
                Arguments.of("crt-missing.cfg", List.of(
                        "7: error: unable to load SSL certificate '/nonexistent/tandem/site.pem': no such file or not readable")),
                Arguments.of("duplicate-proxy.cfg", List.of(
                        "11: error: backend 'be' has the same name as backend 'be' declared at <dir>/duplicate-proxy.cfg:9")),
                Arguments.of("duplicate-server.cfg", List.of(
                        "11: error: backend 'be': duplicate server name 's1' (first declared at line 10)")),
                Arguments.of("elif-after-else.cfg", List.of(
                        "10: error: '.elif' after '.else' is not allowed (the '.if' is at line 6)",
                        "13: warning: log format ignored for frontend 'fe' since it has no log address.")),
                Arguments.of("errorfile-missing.cfg", List.of(
                        "6: error: error opening file '/nonexistent/tandem/503.http': No such file or directory")),
                Arguments.of("http-request-unknown-action.cfg", List.of(
                        "9: error: 'http-request' unknown action 'set-heder'; did you mean 'set-header'?")),
                Arguments.of("if-without-endif.cfg", List.of(
                        "6: error: '.if' is never closed: end of file reached")),
                Arguments.of("keyword-wrong-section.cfg", List.of(
                        "6: error: 'bind' not allowed in 'defaults' section",
                        "10: error: 'nbthread' is a global keyword; it is not allowed in a 'frontend' section",
                        "13: warning: 'use_backend' ignored because backend 'be' has no frontend capability.")),
                Arguments.of("log-unknown-facility.cfg", List.of(
                        "2: error: unknown log facility 'local9'; did you mean 'local0'?")),
                Arguments.of("logformat-unclosed.cfg", List.of(
                        "9: error: missing ']' after '%[' in log-format '%[src'")),
                Arguments.of("logformat-unknown-alias.cfg", List.of(
                        "9: error: no such log-format alias '%STT'; did you mean '%ST'?")),
                Arguments.of("logformat-unknown-fetch.cfg", List.of(
                        "9: error: unknown fetch method 'nosuchfetch' in log-format '%ci %[nosuchfetch] %ST'")),
                Arguments.of("missing-backend.cfg", List.of(
                        "8: error: Proxy 'fe': unable to find required default_backend: 'appserver'.")),
                Arguments.of("missing-timeouts-and-log.cfg", List.of(
                        "4: warning: missing timeouts for frontend 'fe'. While not properly invalid, you will certainly encounter various problems with such a configuration.",
                        "4: warning: log format ignored for frontend 'fe' since it has no log address.",
                        "7: warning: missing timeouts for backend 'be'. While not properly invalid, you will certainly encounter various problems with such a configuration.")),
                Arguments.of("mode-mismatch.cfg", List.of(
                        "8: error: http frontend 'fe' (<dir>/mode-mismatch.cfg:5) tries to use incompatible tcp backend 'be' (<dir>/mode-mismatch.cfg:9) as its default backend (see 'mode').")),
                Arguments.of("removed-block.cfg", List.of(
                        "9: error: The 'block' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' which uses the exact same syntax.")),
                Arguments.of("removed-listen-address.cfg", List.of(
                        "6: error: 'listen web 127.0.0.1:8080' : please use the 'bind' keyword for listening addresses.")),
                Arguments.of("removed-nbproc.cfg", List.of(
                        "2: error: nbproc is not supported any more since HAProxy 2.5. Threads will automatically be used on multi-processor machines if available.")),
                Arguments.of("removed-option-forceclose.cfg", List.of(
                        "6: error: option 'forceclose' is not supported any more since HAProxy 2.0, please just remove it, or use 'option httpclose' if absolutely needed.")),
                Arguments.of("removed-reqrep.cfg", List.of(
                        "9: error: The 'reqrep' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header' instead.")),
                Arguments.of("removed-timeouts.cfg", List.of(
                        "3: error: the 'contimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout connect'.",
                        "4: error: the 'clitimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout client'.",
                        "5: error: the 'srvtimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout server'.")),
                Arguments.of("server-without-address.cfg", List.of(
                        "10: error: server 's1': missing address",
                        "11: error: server 's2': missing address")),
                Arguments.of("unknown-keyword.cfg", List.of(
                        "9: error: unknown keyword 'timout' in 'frontend' section; did you mean 'timeout'?")),
                Arguments.of("unknown-option.cfg", List.of(
                        "6: error: unknown option 'http-server-closed'; did you mean 'http-server-close'?")),
                Arguments.of("unknown-section.cfg", List.of(
                        "1: error: unknown keyword 'frontedn' out of section; did you mean 'frontend'?",
                        "2: error: unknown keyword 'bind' out of section")),
                Arguments.of("unsupported-section.cfg", List.of(
                        "1: error: 'cache' sections are not supported by Tandem yet")),
                Arguments.of("unterminated-quote.cfg", List.of(
                        "9: error: unmatched double quote at column 35")),
                Arguments.of("weight-300.cfg", List.of(
                        "10: error: weight '300' is out of range; it must be between 0 and 256")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void brokenConfigGivesExactlyTheseDiagnostics(String file, List<String> expected) {
        Path path = Fixtures.resource("broken/" + file);
        ParseResult<HaproxyConfig> result = HaproxyConfigReader.read(List.of(path), Fixtures.host());
        String dir = path.getParent().toString() + "/";
        assertThat(result.diagnostics()).extracting(d -> Fixtures.brief(d).replace(dir, "<dir>/"))
                .containsExactlyElementsOf(expected);
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.file()).isEqualTo(path.toString()));
        assertThat(result.model().isPresent()).isEqualTo(!result.hasErrors());
    }

    @Test
    void everyCorpusFileIsInTheTable() throws IOException {
        List<String> inTable = corpus().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> files = Files.list(Fixtures.resource("broken"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(inTable);
        }
        assertThat(inTable).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void removedKeywordErrorsPointAtTheKeywordColumn() {
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(Fixtures.resource("broken/removed-reqrep.cfg")),
                Fixtures.host());
        Diagnostic d = r.diagnostics().get(0);
        assertThat(d.line()).isEqualTo(9);
        assertThat(d.column()).isEqualTo(5);
    }

    @Test
    void removedTimeoutKeywordsHintTheModernLine() {
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(Fixtures.resource("broken/removed-timeouts.cfg")),
                Fixtures.host());
        assertThat(r.diagnostics()).extracting(Diagnostic::hint)
                .containsExactly("timeout connect 5000", "timeout client 30s", "timeout server 30s");
    }

    @Test
    void bindErrorsHintTheBracketedFormAndQuotedVariables() {
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(
                List.of(Fixtures.resource("broken/bind-env-outside-quotes.cfg")), Fixtures.host());
        assertThat(r.diagnostics().get(0).hint()).contains("\"${PORT}\"");
    }
}
