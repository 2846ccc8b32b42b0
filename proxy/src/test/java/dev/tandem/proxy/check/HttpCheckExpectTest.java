package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.Origin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** configuration.txt "http-check expect", "http-check disable-on-404"; tcpcheck.c messages. */
class HttpCheckExpectTest {

    private static HttpCheckExpect expect(CheckRule.Expect... rules) {
        return HttpCheckExpect.of(new HealthCheck(HealthCheck.Kind.HTTP, Optional.empty(), List.of(rules)), false);
    }

    private static CheckRule.Expect rule(boolean negated, String matcher, String pattern) {
        return new CheckRule.Expect(negated, matcher, pattern, new Origin("haproxy.cfg", 12));
    }

    private static HttpCheckResponse response(String raw) {
        HttpCheckResponse.Parse p = HttpCheckResponse.parse(raw.getBytes(StandardCharsets.ISO_8859_1), true);
        assertThat(p).isInstanceOf(HttpCheckResponse.Parse.Complete.class);
        return ((HttpCheckResponse.Parse.Complete) p).response();
    }

    @Test
    void withoutExpectTwoHundredsAndThreeHundredsPass() {
        HttpCheckExpect e = expect();
        assertThat(e.evaluate(response("HTTP/1.0 200 OK\r\n\r\n"), true, 1))
                .isEqualTo(new CheckResult(CheckStatus.L7OK, 200, "", 1));
        assertThat(e.evaluate(response("HTTP/1.1 302 Found\r\ncontent-length: 0\r\n\r\n"), true, 1).status())
                .isEqualTo(CheckStatus.L7OK);
        assertThat(e.evaluate(response("HTTP/1.0 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"), true, 0))
                .isEqualTo(new CheckResult(CheckStatus.L7STS, 500, "Internal Server Error", 0));
    }

    @Test
    void expectStatusTakesCodesAndRanges() {
        HttpCheckExpect e = expect(rule(false, "status", "200,301-302"));
        assertThat(e.evaluate(response("HTTP/1.1 301 Moved\r\n\r\n"), true, 0).passed()).isTrue();
        assertThat(e.evaluate(response("HTTP/1.1 303 See Other\r\n\r\n"), true, 0).status()).isEqualTo(CheckStatus.L7STS);
    }

    @Test
    void negatedStatusFailsOnAMatch() {
        HttpCheckExpect e = expect(rule(true, "status", "500-599"));
        assertThat(e.evaluate(response("HTTP/1.1 503 Busy\r\n\r\n"), true, 0))
                .isEqualTo(new CheckResult(CheckStatus.L7STS, 503, "Busy", 0));
        assertThat(e.evaluate(response("HTTP/1.1 404 Not Found\r\n\r\n"), true, 0).passed()).isTrue();
    }

    @Test
    void rstatusIsARegexOnTheCode() {
        HttpCheckExpect e = expect(rule(false, "rstatus", "^2"));
        assertThat(e.evaluate(response("HTTP/1.1 204 No Content\r\n\r\n"), true, 0).passed()).isTrue();
        assertThat(e.evaluate(response("HTTP/1.1 301 x\r\n\r\n"), true, 0).status()).isEqualTo(CheckStatus.L7STS);
    }

    @Test
    void stringLooksInTheBodyAndReportsLayer7InvalidResponse() {
        HttpCheckExpect e = expect(rule(false, "string", "ready"));
        assertThat(e.evaluate(response("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nis ready"), true, 0).passed()).isTrue();
        assertThat(e.evaluate(response("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbusy"), true, 0))
                .isEqualTo(new CheckResult(CheckStatus.L7RSP, 200, "HTTP content check did not match", 0));
        assertThat(e.evaluate(response("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), true, 0))
                .isEqualTo(new CheckResult(CheckStatus.L7RSP, 200, "HTTP content check could not find a response body", 0));
        HttpCheckExpect not = expect(rule(true, "rstring", "err(or)?"));
        assertThat(not.evaluate(response("HTTP/1.1 200 OK\r\n\r\nsome error"), true, 0).info())
                .isEqualTo("HTTP check matched unwanted content");
    }

    @Test
    void chunkedBodyIsDecodedBeforeMatching() {
        HttpCheckExpect e = expect(rule(false, "string", "hello world"));
        assertThat(e.evaluate(response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n"),
                true, 0).passed()).isTrue();
    }

    @Test
    void disableOn404DrainsAServerThatIsUp() {
        HttpCheckExpect e = HttpCheckExpect.of(new HealthCheck(HealthCheck.Kind.HTTP, Optional.empty(), List.of()), true);
        assertThat(e.evaluate(response("HTTP/1.1 404 Not Found\r\n\r\n"), true, 0).status()).isEqualTo(CheckStatus.L7OKC);
        assertThat(e.evaluate(response("HTTP/1.1 404 Not Found\r\n\r\n"), false, 0).status()).isEqualTo(CheckStatus.L7STS);
    }

    @Test
    void responseParsingWaitsForMoreAndRejectsGarbage() {
        assertThat(HttpCheckResponse.parse("HTTP/1.1 200 OK\r\nContent-Le".getBytes(StandardCharsets.ISO_8859_1), false))
                .isInstanceOf(HttpCheckResponse.Parse.NeedMore.class);
        assertThat(HttpCheckResponse.parse("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab".getBytes(StandardCharsets.ISO_8859_1), false))
                .isInstanceOf(HttpCheckResponse.Parse.NeedMore.class);
        assertThat(HttpCheckResponse.parse("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), true))
                .isEqualTo(new HttpCheckResponse.Parse.Invalid("invalid status line"));
        assertThat(HttpCheckResponse.parse(new byte[0], true)).isEqualTo(new HttpCheckResponse.Parse.Invalid("empty response"));
    }

    @Test
    void unknownExpectFormIsAClearError() {
        assertThatThrownBy(() -> expect(rule(false, "hdr", "name x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("haproxy.cfg:12: 'http-check expect hdr' is not supported; use status, rstatus, string or rstring");
    }
}
