package dev.tandem.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.testkit.http.TcpEchoBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mode tcp through the balancer: one server per connection, the slot held for the whole
 * connection (so maxconn queues connections), retries and redispatch on refused connects, and
 * the tcplog fields for them (configuration.txt §8.2.2).
 */
class TcpBalancingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** %ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq */
    private static final Pattern TCPLOG = Pattern.compile("\\] fe be/(\\S+) (-?\\d+)/(-?\\d+)/\\d+ \\d+ (\\S\\S) "
            + "\\d+/\\d+/\\d+/\\d+/(\\+?\\d+) (\\d+)/(\\d+)$");

    @TempDir
    Path dir;

    private final List<TcpEchoBackend> backends = new ArrayList<>();
    private LiveProxy live;

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        backends.forEach(TcpEchoBackend::close);
    }

    private TcpEchoBackend echo() throws IOException {
        TcpEchoBackend b = TcpEchoBackend.start();
        backends.add(b);
        return b;
    }

    private void start(String backendLines) throws Exception {
        live = LiveProxy.start(dir, """
                defaults
                    mode tcp
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                frontend fe
                    bind 127.0.0.1:${PORT}
                    log ${LOG} local0
                    option tcplog
                    default_backend be
                backend be
                """ + backendLines);
    }

    private Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", live.port);
        s.setSoTimeout(10000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        return new String(in.readNBytes(text.length()), StandardCharsets.US_ASCII);
    }

    private List<Matcher> tcplog(int n) {
        await().atMost(PATIENCE).until(() -> live.log().stream().filter(l -> TCPLOG.matcher(l).find()).count() >= n);
        List<Matcher> out = new ArrayList<>();
        for (String l : live.log()) {
            Matcher m = TCPLOG.matcher(l);
            if (m.find()) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void roundrobinGivesEachConnectionTheNextServer() throws Exception {
        TcpEchoBackend a = echo();
        TcpEchoBackend b = echo();
        start("""
                    server a 127.0.0.1:%d
                    server b 127.0.0.1:%d
                """.formatted(a.address().getPort(), b.address().getPort()));
        for (int i = 0; i < 4; i++) {
            try (Socket s = open()) {
                assertThat(roundTrip(s, "ping" + i)).isEqualTo("ping" + i);
            }
        }
        assertThat(a.connections()).isEqualTo(2);
        assertThat(b.connections()).isEqualTo(2);
    }

    @Test
    void maxconnQueuesAConnectionUntilTheServersSlotIsFree() throws Exception {
        TcpEchoBackend a = echo();
        start("""
                    server a 127.0.0.1:%d maxconn 1
                """.formatted(a.address().getPort()));
        // the second connects once the first holds the slot: two accepts on two loops race for it
        try (Socket first = open()) {
            assertThat(roundTrip(first, "one")).isEqualTo("one");
            Socket second = open();
            second.getOutputStream().write("two".getBytes(StandardCharsets.US_ASCII));
            await().atMost(PATIENCE).until(() -> live.proxy.queued("be") == 1);
            assertThat(a.connections()).as("the second connection waits in the proxy").isEqualTo(1);
            first.close();
            assertThat(new String(second.getInputStream().readNBytes(3), StandardCharsets.US_ASCII)).isEqualTo("two");
            assertThat(a.connections()).isEqualTo(2);
            second.close();
        }
        List<Matcher> lines = tcplog(2);
        Matcher queued = lines.get(1);
        assertThat(queued.group(1)).isEqualTo("a");
        assertThat(Long.parseLong(queued.group(2))).as("%Tw").isNotNegative();
        assertThat(queued.group(6) + "/" + queued.group(7)).as("%sq/%bq").isEqualTo("0/1");
    }

    @Test
    void timeoutQueueClosesAWaitingConnectionWithSQ() throws Exception {
        TcpEchoBackend a = echo();
        start("""
                    timeout queue 200ms
                    server a 127.0.0.1:%d maxconn 1
                """.formatted(a.address().getPort()));
        try (Socket first = open()) {
            assertThat(roundTrip(first, "one")).isEqualTo("one");
            try (Socket second = open()) {
                assertThat(second.getInputStream().read()).as("closed by the proxy").isEqualTo(-1);
            }
        }
        Matcher m = tcplog(1).getFirst();
        assertThat(m.group(1)).isEqualTo("<NOSRV>");
        assertThat(m.group(4)).isEqualTo("sQ");
        assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(200);
        assertThat(m.group(3)).isEqualTo("-1");
    }

    @Test
    void aRefusedConnectIsRedispatchedToTheLiveServer() throws Exception {
        TcpEchoBackend a = echo();
        int dead = LiveProxy.freePort();
        start("""
                    option redispatch
                    server dead 127.0.0.1:%d
                    server live 127.0.0.1:%d
                """.formatted(dead, a.address().getPort()));
        for (int i = 0; i < 2; i++) {
            try (Socket s = open()) {
                assertThat(roundTrip(s, "hello")).isEqualTo("hello");
            }
        }
        List<Matcher> lines = tcplog(2);
        assertThat(lines).extracting(m -> m.group(1)).containsOnly("live");
        assertThat(lines).extracting(m -> m.group(5)).containsOnly("+1");
        assertThat(lines).extracting(m -> m.group(4)).containsOnly("--");
    }

    @Test
    void sourceBalancingKeepsAClientOnOneServer() throws Exception {
        TcpEchoBackend a = echo();
        TcpEchoBackend b = echo();
        start("""
                    balance source
                    server a 127.0.0.1:%d
                    server b 127.0.0.1:%d
                """.formatted(a.address().getPort(), b.address().getPort()));
        for (String src : List.of("127.0.0.1", "127.0.0.2", "127.0.0.1", "127.0.0.2", "127.0.0.1")) {
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(src, 0));
                s.connect(new InetSocketAddress("127.0.0.1", live.port), 5000);
                s.setSoTimeout(10000);
                assertThat(roundTrip(s, "x")).isEqualTo("x");
            }
        }
        // 0x7f000001 is odd, 0x7f000002 even: map-based over [a, b]
        assertThat(b.connections()).isEqualTo(3);
        assertThat(a.connections()).isEqualTo(2);
    }
}
