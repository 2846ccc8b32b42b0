package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's lexical rules (lib/parser.c; keepalived.conf(5) "Configuration file"). */
class KeepalivedLexerTest {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    @Test
    void hashAndBangStartCommentsOutsideQuotes() {
        assertThat(words("notify \"/x.sh #1 !2\" # comment\n! whole line\n# another\nrouter_id a!b"))
                .containsExactly(List.of("notify", "/x.sh #1 !2"), List.of("router_id", "a"));
    }

    @Test
    void backslashEscapesACommentCharacter() {
        assertThat(words("auth_pass pa\\#ss")).containsExactly(List.of("auth_pass", "pa#ss"));
    }

    @Test
    void bracesAreWordsEvenWithoutSpaces() {
        assertThat(words("group{EXTERN INTERN}")).containsExactly(List.of("group", "{", "EXTERN", "INTERN", "}"));
    }

    @Test
    void quotedStringKeepsSpacesAndBraces() {
        List<SourceLine> lines = lex("script \"killall -0 {haproxy}\"");

        assertThat(lines.getFirst().words()).extracting(Word::text, Word::quoted).containsExactly(
                org.assertj.core.groups.Tuple.tuple("script", false),
                org.assertj.core.groups.Tuple.tuple("killall -0 {haproxy}", true));
    }

    @Test
    void unterminatedQuoteIsAnErrorAndTheLineIsDropped() {
        assertThat(words("router_id \"lb1\nlvs_id x")).containsExactly(List.of("lvs_id", "x"));
        assertThat(diagnostics).extracting(Diagnostic::line, Diagnostic::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "Unterminated quote 'router_id \"lb1'"));
    }

    @Test
    void atIdLinesAreKeptOnlyOnThatNode() {
        assertThat(words("@lb1 priority 150\n@lb2 priority 100\n@^lb1 nopreempt\n@^lb2 smtp_alert"))
                .containsExactly(List.of("priority", "150"), List.of("smtp_alert"));
    }

    @Test
    void atIdWithoutAnythingAfterItIsDropped() {
        assertThat(words("@lb1\nrouter_id x")).containsExactly(List.of("router_id", "x"));
    }

    @Test
    void definitionsAreSubstitutedInBothForms() {
        assertThat(words("$IF=eth0\n$PRIO = 150\ninterface $IF\npriority ${PRIO}"))
                .containsExactly(List.of("interface", "eth0"), List.of("priority", "150"));
    }

    @Test
    void definitionNameIsTheLongestIdentifier() {
        assertThat(words("$A=x\n$AB=y\nrouter_id $AB$A")).containsExactly(List.of("router_id", "yx"));
    }

    @Test
    void multiLineDefinitionExpandsToSeveralLines() {
        assertThat(words("$VIPS=192.0.2.1/24 \\\n    192.0.2.2/24\nvirtual_ipaddress {\n$VIPS\n}"))
                .containsExactly(List.of("virtual_ipaddress", "{"), List.of("192.0.2.1/24"), List.of("192.0.2.2/24"),
                        List.of("}"));
    }

    @Test
    void definitionMayHoldAnAtIdLine() {
        assertThat(words("$ONLY_LB1=@lb1\n$ONLY_LB1 priority 200\n$NOT_LB1=@^lb1\n$NOT_LB1 priority 100"))
                .containsExactly(List.of("priority", "200"));
    }

    @Test
    void selfReferentialDefinitionStopsWithAnError() {
        assertThat(words("$A=$A$A\nrouter_id $A")).isEmpty();
        assertThat(diagnostics).extracting(Diagnostic::message).singleElement().asString()
                .startsWith("line is longer than").contains("after substituting definitions");
    }

    @Test
    void selfReferentialMultiLineDefinitionIsReportedOnceAndBounded() {
        List<List<String>> words = words("$M=a \\\n $M b\nrouter_id $M");

        assertThat(words.size()).isLessThanOrEqualTo(KeepalivedLexer.MAX_EXPANDED_LINES);
        assertThat(diagnostics).extracting(d -> d.line() + " " + d.message()).containsExactly(
                "3 definitions still expand after 16 rounds (a definition refers to itself?) - ignoring the line");
    }

    @Test
    void undefinedBracedNameIsLeftAsWrittenWithAWarningAndItsBracesSplit() {
        assertThat(words("$YES=1\nrouter_id ${NOPE}")).containsExactly(List.of("router_id", "$", "{", "NOPE", "}"));
        assertThat(diagnostics).extracting(Diagnostic::message)
                .containsExactly("definition 'NOPE' is not defined - '${NOPE}' is left as written");
    }

    @Test
    void includeIsRelativeToTheIncludingFile() {
        MemorySources files = new MemorySources()
                .put("/etc/keepalived/keepalived.conf", "include conf.d/*.conf\nrouter_id main")
                .put("/etc/keepalived/conf.d/b.conf", "lvs_id b")
                .put("/etc/keepalived/conf.d/a.conf", "include ../common/x.inc\nlvs_id a")
                .put("/etc/keepalived/common/x.inc", "lvs_id x");

        List<SourceLine> lines = new KeepalivedLexer(files, "lb1", diagnostics::add)
                .read(Path.of("/etc/keepalived/keepalived.conf"), "keepalived.conf");

        assertThat(lines).extracting(l -> l.file() + ":" + l.line() + " " + l.words().getLast().text())
                .containsExactly("common/x.inc:1 x", "conf.d/a.conf:2 a", "conf.d/b.conf:1 b", "keepalived.conf:2 main");
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void globMatchingNothingIsAWarningOnly() {
        MemorySources files = new MemorySources().put("/k/keepalived.conf", "include conf.d/*.conf");

        new KeepalivedLexer(files, "lb1", diagnostics::add).read(Path.of("/k/keepalived.conf"), "keepalived.conf");

        assertThat(diagnostics).extracting(Diagnostic::severity, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(dev.tandem.config.Severity.WARNING, "No config files matched 'conf.d/*.conf'."));
    }

    @Test
    void selfIncludeIsReportedNotLooped() {
        MemorySources files = new MemorySources().put("/k/a.conf", "include a.conf\nrouter_id a");

        List<SourceLine> lines = new KeepalivedLexer(files, "lb1", diagnostics::add).read(Path.of("/k/a.conf"), "a.conf");

        assertThat(lines).hasSize(1);
        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly(
                "include cycle: 'a.conf' is already being read (a.conf -> a.conf) - ignoring this include");
    }

    @Test
    void includeNestingDeeperThanTheLimitIsReported() {
        MemorySources files = new MemorySources();
        for (int i = 0; i < 40; i++) {
            files.put("/k/" + i + ".conf", "include " + (i + 1) + ".conf\nlvs_id " + i);
        }

        List<SourceLine> lines = new KeepalivedLexer(files, "lb1", diagnostics::add).read(Path.of("/k/0.conf"), "0.conf");

        assertThat(lines).hasSize(KeepalivedLexer.MAX_INCLUDE_DEPTH + 1);
        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly("includes nested more than 16 levels"
                + " deep at '17.conf' - ignoring this include");
    }

    @Test
    void sequenceLinesAreReportedAsUnsupported() {
        assertThat(words("~SEQ(i,1,3) lvs_id $i\nrouter_id x")).containsExactly(List.of("router_id", "x"));
        assertThat(diagnostics).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "~SEQ is not supported by Tandem yet - ignoring '~SEQ(i,1,3) lvs_id $i'"));
    }

    @Test
    void wordColumnsPointIntoTheOriginalLine() {
        assertThat(lex("    @lb1   priority 150").getFirst().words()).extracting(Word::column).containsExactly(12, 21);
    }

    private List<List<String>> words(String text) {
        return lex(text).stream().map(l -> l.words().stream().map(Word::text).toList()).toList();
    }

    private List<SourceLine> lex(String text) {
        MemorySources files = new MemorySources().put("/k/keepalived.conf", text);
        return new KeepalivedLexer(files, "lb1", diagnostics::add).read(Path.of("/k/keepalived.conf"), "keepalived.conf");
    }
}
