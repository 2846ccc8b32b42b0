package dev.tandem.proxy.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.HaproxyConfigReader;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.proxy.ProxyOptions;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.ProxyStartException;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.proxy.lb.ServerSnapshot;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RecordedRequest;
import dev.tandem.testkit.http.TcpEchoBackend;
import dev.tandem.testkit.http.UnixHttpBackend;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNIX stream sockets on bind and server lines (configuration.txt §2.9.1 "unix@", "abns@" and
 * paths starting with '/'; §5.1 "mode", "uid", "user", "gid", "group"; §5.2 "server"), served as
 * haproxy 2.6 serves them: the socket file bound under a temporary name and renamed over the path
 * (sock_unix.c), left in place at stop; the client logged as "unix" with its listener's id for a
 * port (log.c %ci/%cp), no X-Forwarded-For for it (http_ana.c adds one for AF_INET/AF_INET6 only);
 * abstract names zero-padded to the full sun_path, so that they meet haproxy's own.
 */
class UnixSocketTest {

    private static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 2s
                timeout client 5s
                timeout server 5s
            """;

    @TempDir
    Path dir;

    private HaproxyConfig read(String text) throws Exception {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, text);
        ParseResult<HaproxyConfig> r = HaproxyConfigReader.read(List.of(cfg), HostFacts.permissive(Map.of()));
        assertThat(r.diagnostics()).as("config diagnostics").noneMatch(Diagnostic::isError);
        return r.model().orElseThrow();
    }

    private ProxyServer start(String text) throws Exception {
        return ProxyServer.start(read(text), ProxyOptions.defaults().withThreads(1));
    }

    private String sock(String name) {
        return dir.resolve(name).toString();
    }

    /** curl over a UNIX socket path: the real client, headers included in the output. */
    private static String curl(String socket, String path, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "-i", "--max-time", "20", "--unix-socket", socket));
        cmd.addAll(List.of(extra));
        cmd.add("http://unix.test" + path);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("curl finished").isTrue();
        assertThat(p.exitValue()).as("curl %s: %s", cmd, out).isZero();
        return out;
    }

    private static int mode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode") & 07777;
    }

    @Test
    void httpOverAUnixSocketLogsTheClientAsUnixWithItsListenerIdAndAddsNoForwardedFor() throws Exception {
        try (SyslogReceiver syslog = new SyslogReceiver();
                UnixHttpBackend app = UnixHttpBackend.start(dir.resolve("app.sock"));
                ProxyServer p = start(DEFAULTS + """
                        frontend fe
                            bind unix@%s
                            bind %s
                            log %s local0
                            log-format "%%ci:%%cp %%fi:%%fp %%si:%%sp %%b/%%s %%ST"
                            option forwardfor
                            option originalto
                            http-request set-header X-Src "%%[src]"
                            default_backend app
                        backend app
                            server s1 %s
                        """.formatted(sock("first.sock"), sock("second.sock"), syslog.address(), app.path()))) {
            String answer = curl(sock("second.sock"), "/over-unix");
            assertThat(answer).startsWith("HTTP/1.1 200").contains("unix backend " + app.path());
            RecordedRequest r = app.take();
            assertThat(r.uri()).isEqualTo("/over-unix");
            // http_ana.c: X-Forwarded-For and X-Original-To only for an AF_INET or AF_INET6 client
            assertThat(r.header("X-Forwarded-For")).isNull();
            assertThat(r.header("X-Original-To")).isNull();
            // sample.c smp_fetch_src: no address for a UNIX client
            assertThat(r.header("X-Src")).isEmpty();
            // log.c: %ci/%fi "unix", %cp/%fp the listener id (the frontend's second bind), %si "unix" %sp 0
            assertThat(syslog.next()).endsWith("unix:2 unix:2 unix:0 app/s1 200");
            assertThat(p.boundAddresses()).as("no IP listener").isEmpty();
        }
    }

    /** frontend.c: without a log format a UNIX client's connection is "Connect to unix:<listener id>". */
    @Test
    void theConnectLineNamesTheListenerInHttpAndTcpMode() throws Exception {
        try (SyslogReceiver syslog = new SyslogReceiver();
                UnixHttpBackend app = UnixHttpBackend.start(dir.resolve("app.sock"));
                TcpEchoBackend echo = TcpEchoBackend.start();
                ProxyServer p = start(DEFAULTS + """
                        frontend web
                            bind %s id 7
                            log %s local0
                            default_backend app
                        frontend relay
                            mode tcp
                            bind %s
                            log %s local0
                            default_backend echo
                        backend app
                            server s1 unix@%s
                        backend echo
                            mode tcp
                            server e1 127.0.0.1:%d
                        """.formatted(sock("web.sock"), syslog.address(), sock("relay.sock"), syslog.address(),
                        app.path(), echo.address().getPort()))) {
            // a client's "Connection: close" resets the server connection (SO_LINGER 0), a UNIX one too
            assertThat(curl(sock("web.sock"), "/", "-H", "Connection: close")).startsWith("HTTP/1.1 200");
            assertThat(syslog.next()).endsWith("Connect to unix:7 (web/HTTP)");
            assertThat(echo(sock("relay.sock"), "hello")).isEqualTo("hello");
            assertThat(syslog.next()).endsWith("Connect to unix:1 (relay/TCP)");
        }
    }

    /** One round trip of {@code text} over a UNIX socket client (the JDK's), bounded in time. */
    private static String echo(String socket, String text) throws Exception {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                var reader = Executors.newVirtualThreadPerTaskExecutor()) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            Future<String> back = reader.submit(() -> {
                ByteBuffer in = ByteBuffer.allocate(text.length());
                while (in.hasRemaining() && c.read(in) >= 0) {
                    // until the whole echo is back
                }
                return new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
            });
            try {
                return back.get(10, TimeUnit.SECONDS);
            } finally {
                c.close();
            }
        }
    }

    /** TCP mode both ways: a UNIX client, a UNIX server (here Tandem's own second frontend), a TCP echo. */
    @Test
    void tcpModeRelaysOverUnixSocketsOnBothSides() throws Exception {
        try (TcpEchoBackend echo = TcpEchoBackend.start();
                ProxyServer p = start("""
                        defaults
                            mode tcp
                            timeout connect 2s
                            timeout client 5s
                            timeout server 5s
                        listen front
                            bind unix@%s
                            server inner unix@%s
                        listen inner
                            bind %s
                            server e1 127.0.0.1:%d
                        """.formatted(sock("front.sock"), sock("inner.sock"), sock("inner.sock"),
                        echo.address().getPort()))) {
            assertThat(echo(sock("front.sock"), "ping over two unix sockets")).isEqualTo("ping over two unix sockets");
            assertThat(echo.connections()).isEqualTo(1);
        }
    }

    /**
     * §5.1 "mode", "uid"/"user", "gid"/"group", set on the file before it takes the path (sock_unix.c).
     * Giving a file to nobody:nogroup (65534, Debian's) needs root, as the namespace tests do.
     */
    @Test
    void modeOwnerAndGroupAreTheSocketFiles() throws Exception {
        try (HttpBackend app = HttpBackend.start();
                ProxyServer p = start(DEFAULTS + """
                        frontend fe
                            bind %s mode 640 user nobody gid 65534
                            bind %s mode 600 uid 65534 group nogroup
                            bind %s
                            default_backend app
                        backend app
                            server s1 127.0.0.1:%d
                        """.formatted(sock("named.sock"), sock("numbered.sock"), sock("plain.sock"), app.port()))) {
            Path named = dir.resolve("named.sock");
            assertThat(mode(named)).isEqualTo(0640);
            assertThat(Files.getAttribute(named, "unix:uid")).isEqualTo(65534);
            assertThat(Files.getAttribute(named, "unix:gid")).isEqualTo(65534);
            Path numbered = dir.resolve("numbered.sock");
            assertThat(mode(numbered)).isEqualTo(0600);
            assertThat(Files.getAttribute(numbered, "unix:uid")).isEqualTo(65534);
            assertThat(Files.getAttribute(numbered, "unix:gid")).isEqualTo(65534);
            assertThat(Files.getAttribute(dir.resolve("plain.sock"), "unix:uid"))
                    .isEqualTo(Files.getAttribute(dir, "unix:uid"));
            assertThat(curl(sock("named.sock"), "/")).startsWith("HTTP/1.1 200");
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as("no temporary or backup file left").noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".bak"));
            }
        }
    }

    /** unix-bind (configuration.txt §3.1): the prefix and defaults of the UNIX binds that follow. */
    @Test
    void unixBindPrefixAndModeApply() throws Exception {
        try (HttpBackend app = HttpBackend.start();
                ProxyServer p = start("""
                        global
                            unix-bind prefix %s/ mode 660
                        """.formatted(dir) + DEFAULTS + """
                        frontend fe
                            bind unix@prefixed.sock
                            default_backend app
                        backend app
                            server s1 127.0.0.1:%d
                        """.formatted(app.port()))) {
            assertThat(mode(dir.resolve("prefixed.sock"))).isEqualTo(0660);
            assertThat(curl(sock("prefixed.sock"), "/")).startsWith("HTTP/1.1 200");
        }
    }

    /**
     * haproxy renames its socket over the path, so a file left by an earlier process never stops a
     * start, and keeps the path at stop (sock_unix.c; the next start replaces it again).
     */
    @Test
    void aLeftoverFileIsReplacedAndStoppingLeavesTheSocketFile() throws Exception {
        Path path = dir.resolve("web.sock");
        Files.writeString(path, "left by an earlier run");
        String cfg = DEFAULTS + """
                frontend fe
                    bind %s
                    default_backend app
                backend app
                    server s1 127.0.0.1:%d
                """;
        try (HttpBackend app = HttpBackend.start()) {
            try (ProxyServer p = start(cfg.formatted(path, app.port()))) {
                assertThat(curl(path.toString(), "/first")).startsWith("HTTP/1.1 200");
            }
            assertThat(path).as("the socket file stays after stop").exists();
            try (ProxyServer p = start(cfg.formatted(path, app.port()))) {
                assertThat(curl(path.toString(), "/second")).startsWith("HTTP/1.1 200");
            }
        }
    }

    /** A UNIX server is health-checked on its socket: down while nothing listens there, up once something does. */
    @Test
    void aUnixServerIsCheckedOnItsSocket() throws Exception {
        Path appPath = dir.resolve("checked.sock");
        try (ProxyServer p = start(DEFAULTS + """
                frontend fe
                    bind %s
                    default_backend app
                backend app
                    server s1 %s check inter 100 rise 1 fall 1
                """.formatted(sock("fe.sock"), appPath))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> status(p).equals("DOWN"));
            try (UnixHttpBackend app = UnixHttpBackend.start(appPath)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> status(p).equals("UP"));
                assertThat(curl(sock("fe.sock"), "/checked")).startsWith("HTTP/1.1 200");
            }
        }
    }

    private static String status(ProxyServer p) {
        ServerSnapshot s = p.backendState("app").orElseThrow().getFirst();
        return s.status().toString();
    }

    /** {@code bind fd@<n>} of an inherited UNIX socket serves as a UNIX listener (haproxy takes the family from the socket). */
    @Test
    void anInheritedUnixSocketServesAsOne() throws Exception {
        Epoll.ensureAvailability();
        LinuxSocket inherited = LinuxSocket.newSocketDomain();
        inherited.bind(new DomainSocketAddress(sock("inherited.sock")));
        inherited.listen(16);
        try (SyslogReceiver syslog = new SyslogReceiver();
                UnixHttpBackend app = UnixHttpBackend.start(dir.resolve("app.sock"));
                ProxyServer p = start(DEFAULTS + """
                        frontend fe
                            bind fd@%d
                            log %s local0
                            log-format "%%ci:%%cp %%ST"
                            default_backend app
                        backend app
                            server s1 %s
                        """.formatted(inherited.intValue(), syslog.address(), app.path()))) {
            assertThat(curl(sock("inherited.sock"), "/")).startsWith("HTTP/1.1 200");
            assertThat(syslog.next()).endsWith("unix:1 200");
        }
    }

    @Test
    void aPathInAMissingDirectoryIsAStartErrorNamingTheBindLine() throws Exception {
        String missing = sock("no-such-dir/web.sock");
        HaproxyConfig cfg = read(DEFAULTS + """
                frontend fe
                    bind %s
                    default_backend app
                backend app
                    server s1 127.0.0.1:9
                """.formatted(missing));
        assertThatThrownBy(() -> ProxyServer.start(cfg, ProxyOptions.defaults().withThreads(1)))
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining("Binding [" + dir.resolve("haproxy.cfg") + ":7] for proxy fe: cannot bind UNIX "
                        + "socket (No such file or directory) [" + missing + "]");
        assertThat(dir.resolve("no-such-dir")).doesNotExist();
    }

    /** Listed in docs/DIFFERENCES.md: a UNIX client's log port is its listener's id, so the id must fit a port. */
    @Test
    void aUnixListenerIdAbove65535IsAStartErrorAndTouchesNoFile() throws Exception {
        HaproxyConfig cfg = read(DEFAULTS + """
                frontend fe
                    bind %s id 70000
                    default_backend app
                backend app
                    server s1 127.0.0.1:9
                """.formatted(sock("web.sock")));
        assertThatThrownBy(() -> ProxyServer.start(cfg, ProxyOptions.defaults().withThreads(1)))
                .hasMessageContaining("Binding [" + dir.resolve("haproxy.cfg") + ":7] for proxy fe: a UNIX socket "
                        + "listener's id must be between 1 and 65535");
        assertThat(dir.resolve("web.sock")).doesNotExist();
    }

    @Test
    void anUnknownUserIsAStartErrorAndLeavesNoFileBehind() throws Exception {
        HaproxyConfig cfg = read(DEFAULTS + """
                frontend fe
                    bind %s user no-such-user-tandem
                    default_backend app
                backend app
                    server s1 127.0.0.1:9
                """.formatted(sock("web.sock")));
        assertThatThrownBy(() -> ProxyServer.start(cfg, ProxyOptions.defaults().withThreads(1)))
                .hasMessageContaining("Binding [" + dir.resolve("haproxy.cfg") + ":7] for proxy fe: 'user' : unknown "
                        + "user name 'no-such-user-tandem' [" + sock("web.sock") + "]");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("haproxy.cfg");
        }
    }
}
