package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RecordedRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's https-in frontend (the article's :443, "the LB terminates HTTPS") run as written,
 * with a generated certificate and its addresses swapped for loopback.
 */
class ArticleHttpsTest {

    @TempDir
    Path dir;

    private static String article() throws Exception {
        try (InputStream in = ArticleHttpsTest.class.getResourceAsStream("/dev/tandem/proxy/article-haproxy.cfg")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void httpsInTerminatesTlsOnBothFamiliesAndTheServersSeeProtoAndClientAddress() throws Exception {
        Pki pki = new Pki(dir);
        Path site = pki.site("site.pem", "www.example.test", "www.example.test");
        int http = ConfigProxy.freePort();
        int https = ConfigProxy.freePort();
        try (HttpBackend app1 = HttpBackend.start(); HttpBackend app2 = HttpBackend.start();
                SyslogReceiver syslog = new SyslogReceiver()) {
            String text = article()
                    .replace("log /dev/log local0", "log " + syslog.address() + " local0")
                    .replace("bind 1.2.3.4:80", "bind 127.0.0.1:" + http)
                    .replace("bind 2a02:123:45:67bb::1:80 transparent", "bind ::1:" + http + " transparent")
                    .replace("bind 1.2.3.4:443 ssl crt /etc/ssl/private/site.pem", "bind 127.0.0.1:" + https
                            + " ssl crt " + site)
                    .replace("bind 2a02:123:45:67bb::1:443 transparent ssl crt /etc/ssl/private/site.pem",
                            "bind ::1:" + https + " transparent ssl crt " + site)
                    .replace("option httpchk GET /health", "")
                    .replace("server app1 10.1.0.11:8080 check", "server app1 127.0.0.1:" + app1.port())
                    .replace("server app2 10.2.0.11:8080 check", "server app2 127.0.0.1:" + app2.port())
                    .replace("server app3 10.3.0.11:8080 check", "");
            assertThat(text).doesNotContain("bind 1.2.3.4", "bind 2a02", "/etc/ssl");
            try (ProxyServer proxy = ConfigProxy.start(dir, text)) {
                assertThat(proxy.boundAddresses()).hasSize(4);
                for (String address : List.of("127.0.0.1", "[::1]")) {
                    Tool.Run r = Tool.run(List.of("curl", "-sS", "--http1.1", "--max-time", "20", "--cacert",
                            pki.caCert.toString(), "--resolve", "www.example.test:" + https + ":" + address,
                            "-H", "X-Forwarded-Proto: http", "https://www.example.test:" + https + "/secure"), null, 30);
                    assertThat(r.exit()).as(r.output()).isZero();
                }
                RecordedRequest v4 = app1.take();
                RecordedRequest v6 = app2.take();
                assertThat(v4.headers("X-Forwarded-Proto")).as("set-header replaces the client's").containsExactly(
                        "https");
                assertThat(v4.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
                assertThat(v4.header("X-Real-IP")).isEqualTo("127.0.0.1");
                assertThat(v6.headers("X-Forwarded-Proto")).containsExactly("https");
                assertThat(v6.header("X-Forwarded-For")).isEqualTo("::1");
                assertThat(v6.header("X-Real-IP")).isEqualTo("::1");
                assertThat(syslog.next()).contains("] https-in~ appserver/app1 ").endsWith("\"GET /secure HTTP/1.1\"");
                assertThat(syslog.next()).contains(": ::1:").contains("] https-in~ appserver/app2 ");
            }
        }
    }
}
