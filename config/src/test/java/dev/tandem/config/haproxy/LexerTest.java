package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** haproxy configuration.txt §2.2 (quoting and escaping) and §2.3 (environment variables). */
class LexerTest {

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Lexer lexer = new Lexer(Fixtures.host(Map.of("PORT", "8443", "NAME", "web", "EMPTY", "")));

    private List<String> words(String raw) {
        return lexer.tokenize("t.cfg", 1, raw, diagnostics::add).words().stream().map(Word::text).toList();
    }

    @Test
    void spacesAndTabsSeparateWords() {
        assertThat(words("  bind\t:80   ssl ")).containsExactly("bind", ":80", "ssl");
    }

    @Test
    void hashStartsACommentOutsideQuotes() {
        assertThat(words("server s1 127.0.0.1:80 # check")).containsExactly("server", "s1", "127.0.0.1:80");
        assertThat(words("acl a path \"/a#b\" '/c#d' /e\\#f")).containsExactly("acl", "a", "path", "/a#b", "/c#d", "/e#f");
    }

    @Test
    void backslashEscapesSpaceQuoteAndBackslash() {
        assertThat(words("reqadd X-Forwarded-Proto:\\ http")).containsExactly("reqadd", "X-Forwarded-Proto: http");
        assertThat(words("a \\\"b\\\" c\\\\d \\'e")).containsExactly("a", "\"b\"", "c\\d", "'e");
    }

    @Test
    void backslashEscapesControlCharactersAndHexBytes() {
        assertThat(words("x a\\tb\\r\\n \\x41\\x42")).containsExactly("x", "a\tb\r\n", "AB");
    }

    @Test
    void unknownEscapeKeepsTheBackslashForRegexes() {
        assertThat(words("x ^/\\d+$")).containsExactly("x", "^/\\d+$");
    }

    @Test
    void singleQuotesProtectEverything() {
        assertThat(words("x '${PORT} \\x41 \"q\"'")).containsExactly("x", "${PORT} \\x41 \"q\"");
    }

    @Test
    void doubleQuotesExpandVariablesAndEscapes() {
        assertThat(words("bind \"fd@${PORT}\" \"$NAME-1\" \"a\\\"b\"")).containsExactly("bind", "fd@8443", "web-1", "a\"b");
    }

    @Test
    void variablesAreNotExpandedOutsideDoubleQuotes() {
        assertThat(words("bind 0.0.0.0:$PORT ${PORT}")).containsExactly("bind", "0.0.0.0:$PORT", "${PORT}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "\"${UNSET-fallback}\"|fallback",
        "\"${PORT-9999}\"|8443",
        "\"${EMPTY-x}\"|''",
        "\"${UNSET}\"|''",
        "\"a${NAME}b\"|awebb",
        "\"cost: \\$5\"|cost: $5"})
    void defaultAppliesOnlyWhenTheVariableIsUnset(String raw, String expected) {
        assertThat(words("x " + raw)).containsExactly("x", expected);
    }

    @Test
    void quotedPartsJoinAdjacentText() {
        assertThat(words("log-format \"%{+Q}o %t\"' %s'\\ %{-Q}r")).containsExactly("log-format", "%{+Q}o %t %s %{-Q}r");
    }

    @Test
    void columnsPointAtTheStartOfEachWord() {
        Line line = lexer.tokenize("t.cfg", 3, "  bind  \"x y\" z", diagnostics::add);
        assertThat(line.words()).extracting(Word::column).containsExactly(3, 9, 15);
        assertThat(line.words()).extracting(Word::quoted).containsExactly(false, true, false);
    }

    @Test
    void unterminatedDoubleQuoteIsAnErrorAtItsColumn() {
        assertThat(words("x \"abc")).isEmpty();
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("unmatched double quote at column 3");
            assertThat(d.column()).isEqualTo(3);
        });
    }

    @Test
    void unterminatedSingleQuoteIsAnError() {
        assertThat(words("x 'abc")).isEmpty();
        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly("unmatched single quote at column 3");
    }

    @Test
    void invalidHexEscapeIsAnError() {
        assertThat(words("x \\x4")).isEmpty();
        assertThat(diagnostics).extracting(Diagnostic::message)
                .containsExactly("truncated or invalid hexadecimal sequence '\\x4'");
    }

    @Test
    void unmatchedVariableBraceIsAnError() {
        assertThat(words("x \"${PORT\"")).isEmpty();
        assertThat(diagnostics).extracting(Diagnostic::message)
                .containsExactly("unmatched brace in environment variable name '${PORT\"'");
    }

    @Test
    void invalidVariableNameIsAnError() {
        assertThat(words("x \"${1A}\"")).isEmpty();
        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly("invalid environment variable name '${1A}'");
    }
}
