package dev.tandem.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.model.ForwardFor;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real curl binary against the proxy over IPv4 and IPv6 (fails, never skips, when curl is missing). */
class CurlTest {

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "--max-time", "10"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("curl output: %s", out).isZero();
        return out;
    }

    @Test
    void curlOverBothFamiliesWithKeepAliveAndAnUpload() throws Exception {
        try (HttpBackend app = HttpBackend.start(r -> dev.tandem.testkit.http.Reply.ok("got " + r.bodyText().length()))) {
            Frontend fe = Models.frontend("fe", "app", Models.v4(), Models.v6())
                    .withForwardFor(ForwardFor.DEFAULT, false);
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                int p4 = proxy.boundAddresses().get(0).getPort();
                int p6 = proxy.boundAddresses().get(1).getPort();
                String two = curl("http://127.0.0.1:" + p4 + "/a", "http://127.0.0.1:" + p4 + "/b");
                assertThat(two).isEqualTo("got 0got 0");
                assertThat(curl("-g", "http://[::1]:" + p6 + "/v6", "--data-binary", "hello")).isEqualTo("got 5");
                RecordedRequest a = app.take();
                RecordedRequest b = app.take();
                RecordedRequest c = app.take();
                assertThat(a.connection()).isEqualTo(b.connection());
                assertThat(c.header("X-Forwarded-For")).isEqualTo("::1");
                assertThat(c.header("User-Agent")).startsWith("curl/");
            }
        }
    }
}
