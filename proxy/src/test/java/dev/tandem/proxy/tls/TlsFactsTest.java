package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the ssl_fc* / ssl_c_* fetches render (configuration.txt §7.3.4) and %ft's "~" (§8.2.3). */
class TlsFactsTest {

    private static final TlsFacts TLS = new TlsFacts(true, Optional.of("www.example.test"), "TLSv1.3",
            "TLS_AES_128_GCM_SHA256", Optional.of("h2"),
            Optional.of("CN=client one,OU=ops,OU=eu,O=Tandem Test,C=FR"), 0);

    @Test
    void clearTextConnectionHasSslFcZeroAndNoOtherFacts() {
        EmbeddedChannel ch = new EmbeddedChannel();
        TlsFacts facts = TlsFacts.of(ch);
        assertThat(facts).isEqualTo(TlsFacts.NONE);
        assertThat(facts.fetch("ssl_fc", List.of())).isEqualTo("0");
        assertThat(facts.fetch("ssl_c_used", List.of())).isEqualTo("0");
        assertThat(facts.fetch("ssl_fc_sni", List.of())).isNull();
        assertThat(facts.fetch("ssl_fc_protocol", List.of())).isNull();
        assertThat(facts.frontendLabel("http-in")).isEqualTo("http-in");
        ch.finishAndReleaseAll();
    }

    @Test
    void tlsConnectionRendersEachFetch() {
        assertThat(TLS.fetch("ssl_fc", List.of())).isEqualTo("1");
        assertThat(TLS.fetch("ssl_fc_has_sni", List.of())).isEqualTo("1");
        assertThat(TLS.fetch("ssl_fc_sni", List.of())).isEqualTo("www.example.test");
        assertThat(TLS.fetch("ssl_fc_protocol", List.of())).isEqualTo("TLSv1.3");
        assertThat(TLS.fetch("ssl_fc_cipher", List.of())).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(TLS.fetch("ssl_fc_alpn", List.of())).isEqualTo("h2");
        assertThat(TLS.fetch("ssl_c_used", List.of())).isEqualTo("1");
        assertThat(TLS.fetch("ssl_c_verify", List.of())).isEqualTo("0");
        assertThat(TLS.frontendLabel("http-in")).isEqualTo("http-in~");
    }

    @Test
    void subjectDnDefaultsToOpenSslOneLineOrderFromCountryToCn() {
        assertThat(TLS.fetch("ssl_c_s_dn", List.of())).isEqualTo("/C=FR/O=Tandem Test/OU=eu/OU=ops/CN=client one");
    }

    @Test
    void subjectDnEntryTakesTheFirstOccurrenceUnlessTold() {
        assertThat(TLS.fetch("ssl_c_s_dn", List.of("cn"))).isEqualTo("client one");
        assertThat(TLS.fetch("ssl_c_s_dn", List.of("OU"))).isEqualTo("eu");
        assertThat(TLS.fetch("ssl_c_s_dn", List.of("OU", "2"))).isEqualTo("ops");
        assertThat(TLS.fetch("ssl_c_s_dn", List.of("OU", "-1"))).isEqualTo("ops");
        assertThat(TLS.fetch("ssl_c_s_dn", List.of("OU", "3"))).isNull();
        assertThat(TLS.fetch("ssl_c_s_dn", List.of("L"))).isNull();
    }

    @Test
    void subjectDnRfc2253FormatIsAskedWithEmptyEntryAndZeroOccurrence() {
        assertThat(TLS.fetch("ssl_c_s_dn", List.of("", "0", "rfc2253")))
                .isEqualTo("CN=client one,OU=ops,OU=eu,O=Tandem Test,C=FR");
    }

    @Test
    void everyAdvertisedFetchIsAnswered() {
        for (String f : TlsFacts.FETCHES) {
            assertThat(TLS.fetch(f, List.of())).as(f).isNotNull();
        }
        assertThat(TLS.fetch("ssl_fc_unknown", List.of())).isNull();
    }
}
