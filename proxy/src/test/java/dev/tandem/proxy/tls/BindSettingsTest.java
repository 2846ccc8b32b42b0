package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.config.haproxy.model.SslDefaults;
import dev.tandem.config.haproxy.model.TlsVerify;
import dev.tandem.config.haproxy.model.TlsVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which setting wins: crt-list line over bind line over ssl-default-bind-* over haproxy's defaults. */
class BindSettingsTest {

    private static final List<String> BOTH = List.of("h2", "http/1.1");
    private static final List<String> HTTP1 = List.of("http/1.1");

    private static BindTls bind(List<String> alpn, TlsVersion min, String ciphers, boolean noTickets) {
        return new BindTls(List.of(Path.of("site.pem")), Optional.empty(), alpn, Optional.ofNullable(min),
                Optional.empty(), Optional.ofNullable(ciphers), Optional.empty(), Optional.empty(), Optional.empty(),
                TlsVerify.NONE, false, noTickets);
    }

    private static SslDefaults global(List<String> options, String ciphers) {
        return new SslDefaults(Optional.ofNullable(ciphers), Optional.empty(), options, Optional.empty());
    }

    @Test
    void defaultsAreTls12To13TicketsOnAndAlpnH2ThenHttp11() {
        BindSettings s = BindSettings.of(bind(List.of(), null, null, false), SslDefaults.NONE, CertOptions.NONE, BOTH);
        assertThat(s.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(s.alpn()).containsExactly("h2", "http/1.1");
        assertThat(s.tickets()).isTrue();
        assertThat(s.verify()).isEqualTo(TlsVerify.NONE);
    }

    @Test
    void defaultAlpnOffersOnlyWhatThePipelineServes() {
        BindSettings s = BindSettings.of(bind(List.of(), null, null, false), SslDefaults.NONE, CertOptions.NONE, HTTP1);
        assertThat(s.alpn()).containsExactly("http/1.1");
    }

    @Test
    void globalSslDefaultBindOptionsApplyUnlessTheBindSaysOtherwise() {
        SslDefaults g = global(List.of("ssl-min-ver", "TLSv1.3", "no-tls-tickets"), "ECDHE-RSA-AES128-GCM-SHA256");
        BindSettings fromGlobal = BindSettings.of(bind(List.of(), null, null, false), g, CertOptions.NONE, BOTH);
        BindSettings fromBind = BindSettings.of(bind(List.of(), TlsVersion.TLSV12, "AES128-SHA", false), g,
                CertOptions.NONE, BOTH);

        assertThat(fromGlobal.protocols()).containsExactly("TLSv1.3");
        assertThat(fromGlobal.tickets()).isFalse();
        assertThat(fromGlobal.ciphers()).contains("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(fromBind.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(fromBind.ciphers()).contains("AES128-SHA");
    }

    @Test
    void olderNoTlsv1xSwitchesOfTheGlobalOptionsStillRemoveVersions() {
        BindSettings s = BindSettings.of(bind(List.of(), TlsVersion.TLSV10, null, false),
                global(List.of("no-tlsv10", "no-tlsv13"), null), CertOptions.NONE, BOTH);
        assertThat(s.protocols()).containsExactly("TLSv1.1", "TLSv1.2");
    }

    @Test
    void crtListOptionsOverrideTheBindLine() {
        CertOptions cert = new CertOptions(Optional.of(List.of("http/1.1")), Optional.of(TlsVersion.TLSV13),
                Optional.empty(), Optional.of(TlsVerify.REQUIRED), Optional.of(Path.of("ca.pem")), Optional.empty(),
                Optional.empty(), Optional.empty());
        BindSettings s = BindSettings.of(bind(List.of("h2"), TlsVersion.TLSV12, null, true), SslDefaults.NONE, cert,
                BOTH);
        assertThat(s.alpn()).containsExactly("http/1.1");
        assertThat(s.protocols()).containsExactly("TLSv1.3");
        assertThat(s.verify()).isEqualTo(TlsVerify.REQUIRED);
        assertThat(s.caFile()).contains(Path.of("ca.pem"));
        assertThat(s.tickets()).isFalse();
    }
}
