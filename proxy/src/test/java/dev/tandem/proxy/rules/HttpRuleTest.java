package dev.tandem.proxy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.proxy.Words;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** configuration.txt §4.4 actions, run against a hand-written transaction. */
class HttpRuleTest {

    private final FakeTransaction tx = new FakeTransaction().header("X-A", "client").header("X-Drop", "x");
    private final RuleParser parser = new RuleParser(Map.of(), null);

    private Outcome run(String... lines) {
        List<HttpRule> rules = java.util.Arrays.stream(lines).map(l -> parser.parse(Words.split(l), false)).toList();
        return HttpRule.run(rules, tx, tx);
    }

    @Test
    void setAddDelHeaderAsHaproxyDocuments() {
        run("set-header X-A one", "add-header X-A two", "del-header X-Drop");
        assertThat(tx.headers).containsExactly(Map.entry("X-A", "one"), Map.entry("X-A", "two"));
    }

    @Test
    void setHeaderMayReferenceTheValueItReplaces() {
        run("set-header X-A prefix-%[req.hdr(x-a)]");
        assertThat(tx.headers).contains(Map.entry("X-A", "prefix-client"));
    }

    @Test
    void replaceHeaderAndValueUseBackReferences() {
        tx.header("X-List", "a1, b2");
        run("replace-header X-A ^cl(.*)$ CL\\1", "replace-value X-List ^([a-z])([0-9])$ \\2\\1");
        assertThat(tx.headers).contains(Map.entry("X-A", "CLient"), Map.entry("X-List", "1a, 2b"));
    }

    @Test
    void pathRewritesKeepTheQuery() {
        run("replace-path /api/(.*) /\\1");
        assertThat(tx.uri).isEqualTo("/v1/items?id=7&x=y");
        run("set-path /new");
        assertThat(tx.uri).isEqualTo("/new?id=7&x=y");
        run("set-uri /u", "set-method POST");
        assertThat(tx.uri).isEqualTo("/u");
        assertThat(tx.method).isEqualTo("POST");
    }

    @Test
    void denyStopsWithItsStatusAndOnlyWhenTheConditionHolds() {
        assertThat(run("deny deny_status 429 if { path_beg /nope }")).isEqualTo(Outcome.CONTINUE);
        assertThat(run("deny deny_status 429 if { path_beg /api }", "add-header X-Late 1"))
                .isEqualTo(new Outcome.Deny(429));
        assertThat(tx.headers).noneMatch(e -> e.getKey().equals("X-Late"));
        assertThat(run("deny")).isEqualTo(new Outcome.Deny(403));
    }

    @Test
    void returnAndRedirectBuildTheirAnswers() {
        assertThat(run("return status 200 content-type text/plain lf-string hi-%[method]"))
                .isEqualTo(new Outcome.Return(200, "text/plain", "hi-GET"));
        tx.header("Host", "h:8");
        assertThat(run("redirect scheme https code 301")).isEqualTo(new Outcome.Redirect(301,
                "https://h:8/api/v1/items?id=7&x=y"));
        assertThat(run("redirect location /login")).isEqualTo(new Outcome.Redirect(302, "/login"));
    }

    @Test
    void setVarIsReadableByLaterRules() {
        run("set-var(txn.who) src", "add-header X-Who %[var(txn.who)]");
        assertThat(tx.headers).contains(Map.entry("X-Who", "192.0.2.10"));
    }

    @Test
    void setVarChecksItsFetchWhenTheRuleIsRead() {
        assertThatThrownBy(() -> run("set-var(txn.x) env")).isInstanceOf(RuleSyntaxException.class)
                .hasMessage("fetch method 'env' : missing arguments (got 0/1) in 'set-var(txn.x)'");
        assertThatThrownBy(() -> run("set-var(txn.x) nope")).isInstanceOf(RuleSyntaxException.class)
                .hasMessage("unknown fetch method 'nope' in 'set-var(txn.x)'");
    }

    @Test
    void unknownActionIsAClearError() {
        assertThatThrownBy(() -> run("frobnicate")).isInstanceOf(RuleSyntaxException.class)
                .hasMessage("'http-request' unknown or unsupported action 'frobnicate'");
    }
}
