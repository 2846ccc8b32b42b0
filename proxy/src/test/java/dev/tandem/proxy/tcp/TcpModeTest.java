package dev.tandem.proxy.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyOptions;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.model.LogTarget;
import dev.tandem.proxy.model.Logging;
import dev.tandem.proxy.model.Mode;
import dev.tandem.proxy.model.ProxyModel;
import dev.tandem.proxy.model.Server;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.TcpEchoBackend;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mode tcp: a byte relay with backpressure and half-close, logged with option tcplog. */
class TcpModeTest {

    private TcpEchoBackend echo;
    private SyslogReceiver syslog;
    private ProxyServer proxy;
    private InetSocketAddress v4;
    private InetSocketAddress v6;

    @BeforeEach
    void start() throws Exception {
        echo = TcpEchoBackend.start();
        syslog = new SyslogReceiver();
        Frontend fe = Frontend.of("tcpfe", Mode.TCP, List.of(Models.v4(), Models.v6()), Models.TIMEOUTS, "tcpbe")
                .withLogging(new Logging(List.of(new LogTarget(syslog.address(), LogTarget.LOCAL0,
                        LogTarget.Format.RAW)), Logging.TCPLOG, false));
        Backend be = Backend.of("tcpbe", Mode.TCP, List.of(Server.of("s1", echo.address())), Models.TIMEOUTS);
        proxy = ProxyServer.start(ProxyModel.of(List.of(fe), List.of(be)), ProxyOptions.defaults().withThreads(2));
        v4 = proxy.boundAddresses().get(0);
        v6 = proxy.boundAddresses().get(1);
    }

    @AfterEach
    void stop() {
        proxy.close();
        echo.close();
        syslog.close();
    }

    @Test
    void halfCloseIsPassedOnAndTheEchoStillArrives() throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(v4)) {
            c.send("ping over tcp");
            c.shutdownOutput();
            assertThat(c.readAll()).isEqualTo("ping over tcp");
        }
        assertThat(echo.halfClosed()).isEqualTo(1);
    }

    @Test
    void tcplogLineHasHaproxysLayout() throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(v6)) {
            c.send("12345");
            c.shutdownOutput();
            c.readAll();
        }
        assertThat(syslog.next()).matches("::1:\\d+ \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] "
                + "tcpfe tcpbe/s1 \\d+/\\d+/\\d+ 5 -- \\d+/\\d+/\\d+/\\d+/0 0/0");
    }

    /**
     * Backpressure both ways: the client reads the echo slowly while it is still sending, and
     * half-closes once every byte came back.
     */
    @Test
    void eightMegabytesRoundTripIntactWhileTheClientReadsSlowly() throws Exception {
        echoEightMegabytesToASlowReader(3, false);
    }

    /**
     * The client half-closes right after its last byte while megabytes of echo still wait for it
     * to read them slowly. Tandem must pass the FIN on and keep writing everything queued. With
     * Netty 4.2.18's own channel the client connection left the epoll set once it waited for no
     * event, and the queued bytes were failed (LeanSocketChannel keeps it in the set).
     */
    @Test
    void aHalfCloseWhileMegabytesStillWaitForASlowReaderLosesNothing() throws Exception {
        echoEightMegabytesToASlowReader(5, true);
    }

    /** Sends 8 MiB through the echo while reading it back 16 KiB a millisecond; the FIN goes right after the last byte or after the echo. */
    private void echoEightMegabytesToASlowReader(long seed, boolean finRightAfterWriting) throws Exception {
        byte[] data = new byte[8 * 1024 * 1024];
        new Random(seed).nextBytes(data);
        try (Socket s = new Socket(v4.getAddress(), v4.getPort())) {
            s.setSoTimeout(20_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < data.length; off += 65536) {
                        out.write(data, off, Math.min(65536, data.length - off));
                    }
                    if (finRightAfterWriting) {
                        s.shutdownOutput();
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            InputStream in = s.getInputStream();
            byte[] back = new byte[data.length];
            int got = 0;
            for (int n; got < back.length && (n = in.read(back, got, Math.min(16 * 1024, back.length - got))) >= 0; ) {
                got += n;
                Thread.sleep(1);
            }
            writer.join();
            if (!finRightAfterWriting) {
                s.shutdownOutput();
            }
            assertThat(got).as("bytes echoed").isEqualTo(data.length);
            assertThat(in.read()).as("EOF after the echo").isEqualTo(-1);
            assertThat(Arrays.equals(back, data)).isTrue();
        }
    }
}
