package dev.tandem.proxy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.proxy.Words;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** configuration.txt §7.1: match methods, flags, derived keywords and conditions. */
class AclTest {

    private final FakeTransaction tx = new FakeTransaction().header("Host", "www.Example.org:8080")
            .header("X-Num", "42");

    private boolean acl(String words) {
        return Acl.parse("t", Words.split(words), null).matches(tx);
    }

    @Test
    void derivedKeywordsMapToTheirMatchMethod() {
        assertThat(acl("path_beg /api")).isTrue();
        assertThat(acl("path_end /items")).isTrue();
        assertThat(acl("path_sub v1")).isTrue();
        assertThat(acl("path_reg ^/api/v[0-9]+/")).isTrue();
        assertThat(acl("path_beg /other")).isFalse();
        assertThat(acl("hdr_beg(host) www.")).isTrue();
        assertThat(acl("hdr_end(host) :8080")).isTrue();
    }

    @Test
    void domainMatchNeedsDelimitersAroundThePattern() {
        assertThat(acl("hdr_dom(host) -i example.org")).isTrue();
        assertThat(acl("hdr_dom(host) -i ample.org")).isFalse();
    }

    @Test
    void ignoreCaseFlagAppliesToStringMatches() {
        assertThat(acl("hdr(host) -i www.example.org:8080")).isTrue();
        assertThat(acl("hdr(host) www.example.org:8080")).isFalse();
    }

    @Test
    void explicitMatchMethodOverridesTheDefault() {
        assertThat(acl("url -m sub id=7")).isTrue();
        assertThat(acl("req.hdr(x-num) -m int 40:50")).isTrue();
        assertThat(acl("req.hdr(x-num) -m int gt 50")).isFalse();
        assertThat(acl("req.hdr(x-num) -m len 2")).isTrue();
        assertThat(acl("req.hdr(x-absent) -m found")).isFalse();
        assertThat(acl("req.hdr(x-num) -m found")).isTrue();
    }

    @Test
    void sourceMatchesIpAndNetworks() {
        assertThat(acl("src 192.0.2.0/24")).isTrue();
        assertThat(acl("src 192.0.2.10")).isTrue();
        assertThat(acl("src 198.51.100.0/24 10.0.0.0/8")).isFalse();
        assertThat(acl("src ::ffff:192.0.2.0/120")).isTrue();
    }

    @Test
    void patternFileIsReadWithCommentsSkipped(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("paths.lst");
        Files.writeString(f, "# allowed\n/static\n/api\n");
        assertThat(Acl.parse("t", List.of("path_beg", "-f", f.toString()), null).matches(tx)).isTrue();
    }

    @Test
    void conditionsCombineAndOrAndNegation() {
        Map<String, List<Acl>> named = Map.of(
                "is_api", List.of(Acl.parse("is_api", Words.split("path_beg /api"), null)),
                "is_get", List.of(Acl.parse("is_get", Words.split("method GET"), null)),
                "is_post", List.of(Acl.parse("is_post", Words.split("method POST"), null)));
        assertThat(Condition.parse(Words.split("if is_api is_get"), named, null).test(tx)).isTrue();
        assertThat(Condition.parse(Words.split("if is_api is_post"), named, null).test(tx)).isFalse();
        assertThat(Condition.parse(Words.split("if is_post || is_api"), named, null).test(tx)).isTrue();
        assertThat(Condition.parse(Words.split("if !is_post is_api"), named, null).test(tx)).isTrue();
        assertThat(Condition.parse(Words.split("unless is_api"), named, null).test(tx)).isFalse();
        assertThat(Condition.parse(Words.split("if { path_end /items } !{ src 10.0.0.0/8 }"), named, null).test(tx))
                .isTrue();
    }

    @Test
    void unknownAclNameIsAClearError() {
        assertThatThrownBy(() -> Condition.parse(Words.split("if nope"), Map.of(), null))
                .hasMessage("no such ACL : 'nope'");
    }
}
