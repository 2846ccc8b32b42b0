package dev.tandem.proxy.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.model.Bind;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RecordedRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Listener options: maxconn pauses accepting, accept-proxy, v6only, and haproxy's bind error text. */
class ListenerTest {

    @Test
    void maxconnPausesAcceptingInsteadOfRefusing() throws Exception {
        try (HttpBackend app = HttpBackend.start()) {
            Frontend fe = Models.frontend("fe", "app", Models.v4()).withMaxconn(1);
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                InetSocketAddress at = proxy.boundAddresses().getFirst();
                try (RawHttpClient first = RawHttpClient.connect(at)) {
                    first.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
                    assertThat(first.readResponse()).startsWith("HTTP/1.1 200");
                    try (RawHttpClient second = RawHttpClient.connect(at)) {
                        second.send("GET /2 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
                        second.readTimeout(300);
                        assertThat(second.readAll()).as("second connection waits in the backlog").isEmpty();
                        first.close();
                        second.readTimeout(10_000);
                        assertThat(second.readAll()).startsWith("HTTP/1.1 200");
                    }
                }
            }
        }
    }

    @Test
    void globalMaxconnPausesEveryFrontend() throws Exception {
        try (HttpBackend app = HttpBackend.start()) {
            Frontend a = Models.frontend("a", "app", Models.v4());
            Frontend b = Models.frontend("b", "app", Models.v4());
            var model = new dev.tandem.proxy.model.ProxyModel(java.util.List.of(a, b),
                    java.util.Map.of("app", Models.backend("app", app.address())), 1);
            try (ProxyServer proxy = ProxyServer.start(model, dev.tandem.proxy.ProxyOptions.defaults().withThreads(2))) {
                try (RawHttpClient first = RawHttpClient.connect(proxy.boundAddresses().get(0))) {
                    first.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
                    assertThat(first.readResponse()).startsWith("HTTP/1.1 200");
                    try (RawHttpClient second = RawHttpClient.connect(proxy.boundAddresses().get(1))) {
                        second.send("GET /2 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
                        second.readTimeout(300);
                        assertThat(second.readAll()).as("the other frontend waits too").isEmpty();
                        first.close();
                        second.readTimeout(10_000);
                        assertThat(second.readAll()).startsWith("HTTP/1.1 200");
                    }
                }
            }
        }
    }

    @Test
    void acceptProxyTakesTheClientAddressFromTheProxyHeader() throws Exception {
        try (HttpBackend app = HttpBackend.start()) {
            Frontend fe = Models.frontend("fe", "app", Models.v4().withAcceptProxy(true))
                    .withRules(Models.rules("add-header X-Src %[src]:%[src_port]"), java.util.List.of());
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()));
                    RawHttpClient c = RawHttpClient.connect(proxy.boundAddresses().getFirst())) {
                c.send("PROXY TCP4 203.0.113.9 127.0.0.1 5555 80\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
                RecordedRequest r = app.take();
                assertThat(r.header("X-Src")).isEqualTo("203.0.113.9:5555");
            }
        }
    }

    @Test
    void v6onlyWildcardRefusesIpv4WhileTheDefaultIsDualStack() throws Exception {
        try (HttpBackend app = HttpBackend.start()) {
            InetSocketAddress any6 = new InetSocketAddress(InetAddress.ofLiteral("::"), 0);
            Bind v6only = new Bind("t:1", any6, false, Bind.V6Only.V6ONLY, false);
            Bind dual = new Bind("t:2", any6, false, Bind.V6Only.V4V6, false);
            try (ProxyServer proxy = Models.start(Models.frontend("fe", "app", v6only, dual),
                    Models.backend("app", app.address()))) {
                int only = proxy.boundAddresses().get(0).getPort();
                int both = proxy.boundAddresses().get(1).getPort();
                assertThat(connects("127.0.0.1", only)).isFalse();
                assertThat(connects("::1", only)).isTrue();
                assertThat(connects("127.0.0.1", both)).isTrue();
            }
        }
    }

    /** haproxy opens an IPv4 bind as an AF_INET socket; Netty's own default would be AF_INET6 (mapped addresses). */
    @Test
    void anIpv4BindListensOnAnIpv4SocketAndAnIpv6BindOnAnIpv6One() throws Exception {
        try (HttpBackend app = HttpBackend.start()) {
            try (ProxyServer proxy = Models.start(Models.frontend("fe", "app", Models.v4(), Models.v6()),
                    Models.backend("app", app.address()))) {
                int v4port = proxy.boundAddresses().get(0).getPort();
                int v6port = proxy.boundAddresses().get(1).getPort();
                assertThat(listensIn("/proc/net/tcp", v4port)).as("AF_INET listener on %d", v4port).isTrue();
                assertThat(listensIn("/proc/net/tcp6", v4port)).as("no AF_INET6 listener on %d", v4port).isFalse();
                assertThat(listensIn("/proc/net/tcp6", v6port)).as("AF_INET6 listener on %d", v6port).isTrue();
            }
        }
    }

    /** A socket in state LISTEN (0A) on that local port in the kernel's table of that family. */
    private static boolean listensIn(String table, int port) throws java.io.IOException {
        String hexPort = String.format(":%04X", port);
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of(table)).stream().skip(1)
                .map(l -> l.trim().split("\\s+"))
                .anyMatch(f -> f[1].endsWith(hexPort) && f[3].equals("0A"));
    }

    private static boolean connects(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.ofLiteral(host), port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void bindErrorNamesFileLineProxyAndAddress() {
        Bind b = new Bind("haproxy.cfg:12", new InetSocketAddress(InetAddress.ofLiteral("2001:db8::1"), 27080), false,
                Bind.V6Only.SYSTEM_DEFAULT, false);
        assertThat(Listener.message(b, "http-in", new java.io.IOException(
                "bind(..) failed with error(-99): Cannot assign requested address")))
                .isEqualTo("Binding [haproxy.cfg:12] for proxy http-in: cannot bind socket (Cannot assign requested "
                        + "address) for [2001:db8::1:27080]");
    }

    @Test
    void aFrontendCountsItsConnectionsAndReleasesThem() throws Exception {
        try (HttpBackend app = HttpBackend.start();
                ProxyServer proxy = Models.start(Models.frontend("fe", "app", Models.v4()),
                        Models.backend("app", app.address()))) {
            try (RawHttpClient c = RawHttpClient.connect(proxy.boundAddresses().getFirst())) {
                c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
                c.readResponse();
                assertThat(proxy.connections("fe")).isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections("fe") == 0);
        }
    }
}
