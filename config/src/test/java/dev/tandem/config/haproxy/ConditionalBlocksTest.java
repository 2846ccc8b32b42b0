package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** haproxy configuration.txt §2.4 conditional blocks; Tandem reports haproxy version 2.6.0. */
class ConditionalBlocksTest {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private List<String> active(String... lines) {
        return new ConditionalBlocks(Fixtures.host(Map.of("SET", "yes", "A", "x", "B", "x")))
                .activeLines("t.cfg", List.of(lines), diagnostics::add).stream().map(Line::keyword).toList();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiterString = " => ", value = {
        "defined(SET) => true",
        "defined(UNSET) => false",
        "feature(THREAD) => true",
        "feature(QUIC) => false",
        "version_atleast(2.6) => true",
        "version_atleast(2.6.0) => true",
        "version_atleast(2.6-dev3) => true",
        "version_atleast(2.6.1) => false",
        "version_atleast(2.7-dev0) => false",
        "version_before(2.7) => true",
        "version_before(2.6) => false",
        "streq(\"${A}\",\"${B}\") => true",
        "strneq(\"${A}\",\"${B}\") => false",
        "1 => true",
        "0 => false",
        "!defined(UNSET) => true",
        "defined(SET) && feature(QUIC) => false",
        "defined(UNSET) || feature(THREAD) => true",
        "!(defined(UNSET) || 0) && 1 => true"})
    void ifEvaluatesHaproxyPredicates(String condition, boolean expected) {
        List<String> kept = active(".if " + condition, "inside", ".endif", "after");
        assertThat(diagnostics).isEmpty();
        assertThat(kept).isEqualTo(expected ? List.of("inside", "after") : List.of("after"));
    }

    @Test
    void firstTrueBranchWinsAndElseRunsOnlyWhenNoneDid() {
        assertThat(active(".if 0", "a", ".elif 1", "b", ".elif 1", "c", ".else", "d", ".endif")).containsExactly("b");
        assertThat(active(".if 0", "a", ".elif 0", "b", ".else", "d", ".endif")).containsExactly("d");
    }

    @Test
    void nestedBlocksInsideAFalseBranchStayInactive() {
        assertThat(active(".if 0", ".if 1", "a", ".else", "b", ".endif", ".endif", "c")).containsExactly("c");
    }

    @Test
    void noticeWarningAndAlertRunOnlyInActiveBranches() {
        active(".if 1", ".notice \"hello\"", ".warning careful", ".else", ".alert never", ".endif", ".alert \"stop here\"");
        assertThat(Fixtures.briefs(diagnostics)).containsExactly("2: notice: hello", "3: warning: careful",
                "7: error: stop here");
    }

    @Test
    void elseWithoutIfIsAnError() {
        active(".else", ".endif");
        assertThat(Fixtures.briefs(diagnostics)).containsExactly("1: error: '.else' without a matching '.if'",
                "2: error: '.endif' without a matching '.if'");
    }

    @Test
    void unknownPredicateSuggestsTheClosest() {
        active(".if version_atlest(2.4)", ".endif");
        assertThat(Fixtures.briefs(diagnostics))
                .containsExactly("1: error: unknown predicate 'version_atlest()' in condition; did you mean 'version_atleast'?");
    }

    @Test
    void unknownDirectiveIsAnError() {
        active(".iff 1");
        assertThat(Fixtures.briefs(diagnostics)).containsExactly("1: error: unknown directive '.iff'; did you mean '.if'?");
    }
}
