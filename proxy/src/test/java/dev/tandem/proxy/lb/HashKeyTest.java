package dev.tandem.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** configuration.txt "balance uri" options and "balance url_param"; hash functions of "hash-type". */
class HashKeyTest {

    private static int hash(HashKey k, String uri) {
        return k.hash(RequestKey.ofUri(uri)).orElseThrow();
    }

    private static int sdbm(String s) {
        return KeyHash.sdbm(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void sdbmMatchesItsDefinition() {
        assertThat(KeyHash.sdbm(new byte[0])).isZero();
        assertThat(KeyHash.sdbm(new byte[] {'a'})).isEqualTo(97);
        // h = c + (h << 6) + (h << 16) - h
        assertThat(sdbm("ab")).isEqualTo(98 + (97 << 6) + (97 << 16) - 97);
    }

    @Test
    void uriStopsAtQuestionMarkUnlessWhole() {
        HashKey plain = HashKey.uri(false, false, OptionalInt.empty(), OptionalInt.empty());
        HashKey whole = HashKey.uri(true, false, OptionalInt.empty(), OptionalInt.empty());
        assertThat(hash(plain, "/a/b?x=1")).isEqualTo(sdbm("/a/b"));
        assertThat(hash(whole, "/a/b?x=1")).isEqualTo(sdbm("/a/b?x=1"));
    }

    @Test
    void uriLenCountsCharactersFromTheStart() {
        HashKey len3 = HashKey.uri(false, false, OptionalInt.of(3), OptionalInt.empty());
        assertThat(hash(len3, "/abcdef")).isEqualTo(sdbm("/ab"));
    }

    @Test
    void uriDepthKeepsThatManyDirectoryLevels() {
        HashKey depth2 = HashKey.uri(false, false, OptionalInt.empty(), OptionalInt.of(2));
        assertThat(hash(depth2, "/img/thumbs/x.png")).isEqualTo(sdbm("/img/thumbs"));
        assertThat(hash(depth2, "/img")).isEqualTo(sdbm("/img"));
    }

    @Test
    void uriPathOnlyDropsSchemeAndAuthority() {
        HashKey pathOnly = HashKey.uri(false, true, OptionalInt.empty(), OptionalInt.empty());
        assertThat(hash(pathOnly, "http://example.org/a?b")).isEqualTo(sdbm("/a"));
        assertThat(hash(pathOnly, "/a?b")).isEqualTo(sdbm("/a"));
        HashKey full = HashKey.uri(false, false, OptionalInt.empty(), OptionalInt.empty());
        assertThat(hash(full, "http://example.org/a")).isEqualTo(sdbm("http://example.org/a"));
    }

    @Test
    void urlParamTakesTheValueUpToTheNextAmpersand() {
        HashKey p = HashKey.urlParam("id");
        assertThat(hash(p, "/x?a=1&id=42&b=2")).isEqualTo(sdbm("42"));
        assertThat(p.hash(RequestKey.ofUri("/x?ident=42"))).isEmpty();
        assertThat(p.hash(RequestKey.ofUri("/x"))).isEmpty();
    }

    @Test
    void avalancheIsJenkinsIntegerHashTimesHaproxysPrime() {
        // Jenkins' hash of 0 is 1800329511; haproxy then multiplies by 3221225473 modulo 2^32
        assertThat(Integer.toUnsignedString(KeyHash.avalanche(0))).isEqualTo(Long.toString(1800329511L * 3221225473L % (1L << 32)));
        assertThat(KeyHash.avalanche(1)).isNotEqualTo(KeyHash.avalanche(2));
    }
}
