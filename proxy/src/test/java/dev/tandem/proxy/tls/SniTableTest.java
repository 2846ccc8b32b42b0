package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SNI selection: configuration.txt §5.1 "crt" (wildcards, first loaded is the default) and "strict-sni". */
class SniTableTest {

    private final SniTable<String> table = SniTable.withDefault("default")
            .add(List.of("www.example.test", "*.example.test"), List.of(), "wild")
            .add(List.of("api.example.test"), List.of(), "api")
            .add(List.of("*.example.test", "www.example.test"), List.of(), "later");

    @Test
    void exactNameWinsOverAWildcardLoadedEarlier() {
        assertThat(table.select("api.example.test")).contains("api");
    }

    @Test
    void wildcardCoversExactlyOneLabel() {
        assertThat(table.select("shop.example.test")).contains("wild");
        assertThat(table.select("a.shop.example.test")).contains("default");
        assertThat(table.select("example.test")).contains("default");
    }

    @Test
    void firstLoadedCertificateWinsForTheSameName() {
        assertThat(table.select("www.example.test")).contains("wild");
    }

    @Test
    void namesCompareCaseInsensitivelyAndIgnoreATrailingDot() {
        assertThat(table.select("API.Example.TEST.")).contains("api");
    }

    @Test
    void noSniOrUnknownNameGetsTheDefault() {
        assertThat(table.select(null)).contains("default");
        assertThat(table.select("other.test")).contains("default");
    }

    @Test
    void strictSniHasNoDefault() {
        SniTable<String> strict = SniTable.<String>withDefault(null).add(List.of("a.test"), List.of(), "a");
        assertThat(strict.select("a.test")).contains("a");
        assertThat(strict.select("b.test")).isEmpty();
        assertThat(strict.select(null)).isEmpty();
    }

    @Test
    void negativeFilterExcludesANameFromThatCertificatesWildcard() {
        SniTable<String> t = SniTable.withDefault("default")
                .add(List.of("*.example.test"), List.of("secret.example.test"), "wild")
                .add(List.of("*.example.test"), List.of(), "other");
        assertThat(t.select("secret.example.test")).contains("other");
        assertThat(t.select("www.example.test")).contains("wild");
    }
}
