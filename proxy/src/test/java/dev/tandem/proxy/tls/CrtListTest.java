package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.haproxy.model.TlsVerify;
import dev.tandem.config.haproxy.model.TlsVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The crt-list line grammar: {@code <crtfile> [[sslbindconf ...]] [[!]snifilter ...]} (configuration.txt §5.1). */
class CrtListTest {

    private final List<Diagnostic> diags = new ArrayList<>();

    private CrtList parse(String text) {
        return CrtList.parse("list.txt", text, diags);
    }

    @Test
    void commentsAndBlankLinesAreIgnoredAndLinesKeepTheirNumbers() {
        CrtList l = parse("# head\n\n/etc/a.pem\n   \n/etc/b.pem\n");
        assertThat(l.entries()).extracting(CrtList.Entry::crt, CrtList.Entry::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Path.of("/etc/a.pem"), 3),
                        org.assertj.core.groups.Tuple.tuple(Path.of("/etc/b.pem"), 5));
        assertThat(diags).isEmpty();
    }

    @Test
    void bracketOptionsAreReadAndFiltersFollowThem() {
        CrtList.Entry e = parse("a.pem [alpn h2,http/1.1 ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.3 verify required "
                + "ca-file /ca.pem ciphers ECDHE-RSA-AES128-GCM-SHA256 curves X25519:P-256] www.a.test !x.a.test\n")
                .entries().get(0);
        assertThat(e.options()).isEqualTo(new CertOptions(Optional.of(List.of("h2", "http/1.1")),
                Optional.of(TlsVersion.TLSV12), Optional.of(TlsVersion.TLSV13), Optional.of(TlsVerify.REQUIRED),
                Optional.of(Path.of("/ca.pem")), Optional.of("ECDHE-RSA-AES128-GCM-SHA256"), Optional.empty(),
                Optional.of("X25519:P-256")));
        assertThat(e.sniFilters()).containsExactly("www.a.test", "!x.a.test");
    }

    @Test
    void filtersWithoutOptionsFollowTheFile() {
        assertThat(parse("a.pem *.a.test b.test").entries().get(0).sniFilters()).containsExactly("*.a.test", "b.test");
    }

    @Test
    void noAlpnDisablesAlpnForThatCertificate() {
        assertThat(parse("a.pem [no-alpn]").entries().get(0).options().alpn()).contains(List.of());
    }

    @Test
    void unknownOptionIsAnErrorWithItsLineAndTheLineIsDropped() {
        CrtList l = parse("a.pem\nb.pem [frobnicate yes]\n");
        assertThat(l.entries()).hasSize(1);
        assertThat(diags).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("frobnicate");
        });
    }

    @Test
    void unclosedBracketAndBadVersionAreErrors() {
        parse("a.pem [alpn h2\nb.pem [ssl-min-ver TLSv9]\nc.pem [verify maybe]\n");
        assertThat(diags).extracting(Diagnostic::line).containsExactly(1, 2, 3);
        assertThat(diags).allMatch(Diagnostic::isError);
    }
}
