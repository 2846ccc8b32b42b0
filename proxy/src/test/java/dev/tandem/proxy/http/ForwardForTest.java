package dev.tandem.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.model.ForwardFor;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.model.Timeouts;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RecordedRequest;
import org.junit.jupiter.api.Test;

/** "option forwardfor [except net] [header name] [if-none]" and "option originalto" (configuration.txt §4.2). */
class ForwardForTest {

    private RecordedRequest through(ForwardFor ff, boolean originalTo, String extraHeaders) throws Exception {
        try (HttpBackend app = HttpBackend.start()) {
            Frontend fe = Models.frontend("fe", "app", Models.v4()).withForwardFor(ff, originalTo);
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()));
                    RawHttpClient c = RawHttpClient.connect(proxy.boundAddresses().getFirst())) {
                c.send("GET / HTTP/1.1\r\nHost: a\r\n" + extraHeaders + "\r\n");
                assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
                return app.take();
            }
        }
    }

    @Test
    void exceptNetworkSkipsMatchingSources() throws Exception {
        assertThat(through(new ForwardFor("127.0.0.0/8", "X-Forwarded-For", false), false, "")
                .hasHeader("X-Forwarded-For")).isFalse();
        assertThat(through(new ForwardFor("10.0.0.0/8", "X-Forwarded-For", false), false, "")
                .header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    @Test
    void headerOptionRenamesTheHeader() throws Exception {
        RecordedRequest r = through(new ForwardFor(null, "X-Client", false), false, "");
        assertThat(r.header("X-Client")).isEqualTo("127.0.0.1");
        assertThat(r.hasHeader("X-Forwarded-For")).isFalse();
    }

    @Test
    void ifNoneKeepsAClientSuppliedHeaderAlone() throws Exception {
        RecordedRequest r = through(new ForwardFor(null, "X-Forwarded-For", true), false,
                "X-Forwarded-For: 198.51.100.7\r\n");
        assertThat(r.headers("X-Forwarded-For")).containsExactly("198.51.100.7");
    }

    @Test
    void originalToCarriesTheAddressTheClientConnectedTo() throws Exception {
        assertThat(through(null, true, "").header("X-Original-To")).isEqualTo("127.0.0.1");
    }

    @Test
    void idleKeepAliveConnectionClosesSilentlyAfterTimeoutHttpKeepAlive() throws Exception {
        try (HttpBackend app = HttpBackend.start()) {
            Frontend fe = Frontend.of("fe", dev.tandem.proxy.model.Mode.HTTP, java.util.List.of(Models.v4()),
                    new Timeouts(1000, 10_000, 10_000, 5_000, 300, 0, 0), "app");
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()));
                    RawHttpClient c = RawHttpClient.connect(proxy.boundAddresses().getFirst())) {
                c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
                assertThat(c.readAll()).as("no 408 on an idle keep-alive connection").isEmpty();
            }
        }
    }
}
