package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.testkit.http.TcpEchoBackend;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS in mode tcp: a clear-text frontend relays to a {@code server ... ssl} that is a second
 * frontend terminating TLS with {@code bind ... ssl}, which relays to an echo server. Both logs
 * follow "option tcplog", the TLS one with haproxy's '~' after the frontend name.
 */
class TcpModeTlsTest {

    @TempDir
    Path dir;

    @Test
    void clearTextToTlsServerToTlsFrontendToEchoRoundTrips() throws Exception {
        Pki pki = new Pki(dir);
        Path site = pki.site("site.pem", "tcp.example.test", "tcp.example.test");
        int outer = ConfigProxy.freePort();
        int inner = ConfigProxy.freePort();
        try (TcpEchoBackend echo = TcpEchoBackend.start(); SyslogReceiver syslog = new SyslogReceiver()) {
            String text = """
                    global
                        log %s local0
                    defaults
                        mode tcp
                        log global
                        option tcplog
                        timeout connect 5s
                        timeout client 10s
                        timeout server 10s
                    frontend clear
                        bind 127.0.0.1:%d
                        default_backend tls
                    backend tls
                        server inner 127.0.0.1:%d ssl verify required ca-file %s sni str(tcp.example.test)
                    frontend secure
                        bind 127.0.0.1:%d ssl crt %s
                        default_backend echo
                    backend echo
                        server s1 %s:%d
                    """.formatted(syslog.address(), outer, inner, pki.caCert, inner, site,
                    echo.address().getAddress().getHostAddress(), echo.address().getPort());
            try (ProxyServer proxy = ConfigProxy.start(dir, text)) {
                try (Socket s = new Socket("127.0.0.1", outer)) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write("ping over tls\n".getBytes(StandardCharsets.US_ASCII));
                    byte[] back = s.getInputStream().readNBytes(14);
                    assertThat(new String(back, StandardCharsets.US_ASCII)).isEqualTo("ping over tls\n");
                }
                List<String> lines = new ArrayList<>(List.of(syslog.next(), syslog.next()));
                assertThat(lines).anySatisfy(l -> assertThat(l).contains("] secure~ echo/s1 "))
                        .anySatisfy(l -> assertThat(l).contains("] clear tls/inner "));
            }
        }
    }
}
