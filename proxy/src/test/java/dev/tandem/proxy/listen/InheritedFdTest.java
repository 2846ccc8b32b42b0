package dev.tandem.proxy.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.proxy.ProxyOptions;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.ProxyStartException;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RecordedRequest;
import dev.tandem.testkit.http.TcpEchoBackend;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.FileDescriptor;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bind fd@<n>} (configuration.txt §2.9.1): the proxy serves on a socket it inherited
 * already open, as VTest hands one to haproxy for every {@code "fd@${name}"} of a reg-test. The
 * sockets here are opened with real system calls in this JVM (Netty's native socket), exactly
 * as a launcher would before exec'ing the proxy, and named by their descriptor number.
 */
class InheritedFdTest {

    private static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 2s
                timeout client 5s
                timeout server 5s
            """;

    @TempDir
    Path dir;

    /** The test's socket until a proxy adopts it (the proxy closes what it adopted). */
    private LinuxSocket socket;

    @BeforeAll
    static void nativeTransport() {
        Epoll.ensureAvailability(); // loads Netty's native library, which LinuxSocket's calls need
    }

    @AfterEach
    void closeLeftovers() throws Exception {
        if (socket != null) {
            socket.close();
        }
    }

    private LinuxSocket listeningSocket() throws Exception {
        socket = LinuxSocket.newSocketStream(SocketProtocolFamily.INET);
        socket.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
        socket.listen(16);
        return socket;
    }

    private HaproxyConfig read(String text) throws Exception {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, text);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.permissive(Map.of()));
        assertThat(r.diagnostics()).as("config diagnostics").noneMatch(Diagnostic::isError);
        return r.model().orElseThrow();
    }

    private ProxyServer start(String text) throws Exception {
        ProxyServer p = ProxyServer.start(read(text), ProxyOptions.defaults().withThreads(1));
        socket = null;
        return p;
    }

    private static String get(InetSocketAddress at, String path) throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(at)) {
            c.send("GET " + path + " HTTP/1.1\r\nHost: example\r\n\r\n");
            return c.readResponse();
        }
    }

    @Test
    void bindFdServesHttpOnTheInheritedListeningSocket() throws Exception {
        LinuxSocket s = listeningSocket();
        InetSocketAddress at = s.localAddress();
        try (HttpBackend app = HttpBackend.start();
                ProxyServer p = start(DEFAULTS + """
                        frontend fe
                            bind fd@%d
                            http-request set-header X-Dst %%[dst]:%%[dst_port]
                            default_backend app
                        backend app
                            server s1 127.0.0.1:%d
                        """.formatted(s.intValue(), app.port()))) {
            assertThat(p.boundAddresses()).containsExactly(at);
            assertThat(get(at, "/inherited")).startsWith("HTTP/1.1 200");
            RecordedRequest r = app.take();
            assertThat(r.uri()).isEqualTo("/inherited");
            assertThat(r.header("X-Dst")).isEqualTo("127.0.0.1:" + at.getPort());
        }
    }

    @Test
    void bindFdServesTcpModeToo() throws Exception {
        LinuxSocket s = listeningSocket();
        InetSocketAddress at = s.localAddress();
        try (TcpEchoBackend echo = TcpEchoBackend.start();
                ProxyServer p = start("""
                        defaults
                            mode tcp
                            timeout connect 2s
                            timeout client 5s
                            timeout server 5s
                        listen relay
                            bind fd@%d
                            server e1 127.0.0.1:%d
                        """.formatted(s.intValue(), echo.address().getPort()));
                Socket c = new Socket()) {
            c.connect(at, 5000);
            c.setSoTimeout(5000);
            OutputStream out = c.getOutputStream();
            out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = c.getInputStream();
            assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("ping\n");
        }
    }

    /** haproxy listens on an inherited socket the launcher only bound (proto_tcp.c tcp_bind_listener). */
    @Test
    void aBoundSocketNotYetListeningIsListenedOn() throws Exception {
        socket = LinuxSocket.newSocketStream(SocketProtocolFamily.INET);
        socket.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
        InetSocketAddress at = socket.localAddress();
        int fd = socket.intValue();
        try (HttpBackend app = HttpBackend.start();
                ProxyServer p = start(DEFAULTS + """
                        frontend fe
                            bind fd@%d
                            default_backend app
                        backend app
                            server s1 127.0.0.1:%d
                        """.formatted(fd, app.port()))) {
            assertThat(get(at, "/listened")).startsWith("HTTP/1.1 200");
        }
    }

    /** Stopping closes the adopted socket as haproxy's stop does: nothing listens there afterwards. */
    @Test
    void stoppingClosesTheInheritedSocket() throws Exception {
        LinuxSocket s = listeningSocket();
        InetSocketAddress at = s.localAddress();
        try (HttpBackend app = HttpBackend.start()) {
            ProxyServer p = start(DEFAULTS + """
                    frontend fe
                        bind fd@%d
                        default_backend app
                    backend app
                        server s1 127.0.0.1:%d
                    """.formatted(s.intValue(), app.port()));
            assertThat(get(at, "/before")).startsWith("HTTP/1.1 200");
            p.close();
        }
        try (Socket c = new Socket()) {
            assertThatThrownBy(() -> c.connect(at, 2000)).isInstanceOf(ConnectException.class);
        }
    }

    /** tools.c str2sa_range: getsockname() on a closed descriptor fails with EBADF. */
    @Test
    void aClosedDescriptorIsAStartErrorNamingTheBindLine() throws Exception {
        // far above any open descriptor (and above RLIMIT_NOFILE): closed for sure
        HaproxyConfig cfg = read(DEFAULTS + """
                frontend fe
                    bind fd@999999
                    default_backend app
                backend app
                    server s1 127.0.0.1:9
                """);
        assertThatThrownBy(() -> ProxyServer.start(cfg, ProxyOptions.defaults().withThreads(1)))
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining("parsing [" + dir.resolve("haproxy.cfg") + ":7] : 'bind' : "
                        + "cannot use file descriptor '999999' : Bad file descriptor.");
        assertThat(InheritedSocket.check(cfg)).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.line()).isEqualTo(7);
            assertThat(d.message()).isEqualTo("'bind' : cannot use file descriptor '999999' : Bad file descriptor.");
        });
    }

    /** haproxy -c checks a stats socket's fd@ as it checks a bind's (cli.c parses it with str2listener). */
    @Test
    void tandemCheckFindsAClosedStatsSocketDescriptorToo() throws Exception {
        HaproxyConfig cfg = read("global\n    stats socket fd@999998 level admin\n" + DEFAULTS);
        assertThat(InheritedSocket.check(cfg)).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).isEqualTo("'stats socket' : cannot use file descriptor '999998' : Bad file "
                    + "descriptor.");
        });
    }

    @Test
    void aDescriptorThatIsNotASocketIsAStartError() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.txt"), "not a socket");
        FileDescriptor fd = FileDescriptor.from(file.toFile());
        try {
            HaproxyConfig cfg = read(DEFAULTS + """
                    frontend fe
                        bind fd@%d
                        default_backend app
                    backend app
                        server s1 127.0.0.1:9
                    """.formatted(fd.intValue()));
            assertThatThrownBy(() -> ProxyServer.start(cfg, ProxyOptions.defaults().withThreads(1)))
                    .hasMessageContaining("'bind' : cannot use file descriptor '" + fd.intValue()
                            + "' : Socket operation on non-socket.");
            assertThat(fd.isOpen()).as("a descriptor the proxy did not adopt stays open").isTrue();
        } finally {
            fd.close();
        }
    }

    /** A datagram socket cannot carry a stream listener ("is of the wrong type", tools.c). */
    @Test
    void aDatagramSocketIsOfTheWrongType() throws Exception {
        socket = LinuxSocket.newSocketDgram(SocketProtocolFamily.INET);
        HaproxyConfig cfg = read(DEFAULTS + """
                frontend fe
                    bind fd@%d
                    default_backend app
                backend app
                    server s1 127.0.0.1:9
                """.formatted(socket.intValue()));
        assertThatThrownBy(() -> ProxyServer.start(cfg, ProxyOptions.defaults().withThreads(1)))
                .hasMessageContaining("'bind' : socket on file descriptor '" + socket.intValue()
                        + "' is of the wrong type.");
    }
}
