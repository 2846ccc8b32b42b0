package dev.tandem.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.model.Frontend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RequestHead;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping a proxy closes every connection it has, even when its event loops are busy at that
 * moment: Netty 4.2.18's loop shutdown left the channels of a busy loop open (ClientConnections).
 */
class ProxyServerCloseTest {

    /** A keep-alive client waiting between two requests sees its connection closed. */
    @Test
    void stoppingOnBusyLoopsClosesAnIdleKeepAliveClient() throws Exception {
        try (KeepAliveOrigin origin = new KeepAliveOrigin()) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            ProxyServer proxy = Models.start(fe, Models.backend("app", origin.address()));
            try (RawHttpClient client = RawHttpClient.connect(proxy.boundAddresses().get(0))) {
                request(client);
                BusyLoops.stopWhileBusy(proxy);
                client.readTimeout(3000);
                assertThat(client.isClosedByPeer()).as("the client connection was closed").isTrue();
            } finally {
                proxy.close();
            }
        }
    }

    /**
     * A client's second request goes to the other server (round robin): the first server's
     * connection waits in the pool meanwhile. Both server connections are closed.
     */
    @Test
    void stoppingOnBusyLoopsClosesAPooledServerConnection() throws Exception {
        try (KeepAliveOrigin a = new KeepAliveOrigin(); KeepAliveOrigin b = new KeepAliveOrigin()) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            ProxyServer proxy = Models.start(fe, Models.backend("app", a.address(), b.address()));
            try (RawHttpClient client = RawHttpClient.connect(proxy.boundAddresses().get(0))) {
                request(client);
                request(client);
                assertThat(a.closed.getCount() + b.closed.getCount()).as("both server connections open").isEqualTo(2);
                BusyLoops.stopWhileBusy(proxy);
                assertThat(a.closed.await(3, TimeUnit.SECONDS)).as("the first server connection was closed").isTrue();
                assertThat(b.closed.await(3, TimeUnit.SECONDS)).as("the second server connection was closed").isTrue();
            } finally {
                proxy.close();
            }
        }
    }

    private static void request(RawHttpClient client) throws IOException {
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(client.readResponse()).startsWith("HTTP/1.1 200").endsWith("ok");
    }

    /** One connection: answers one request with keep-alive, then waits for the proxy to close it. */
    private static final class KeepAliveOrigin implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        final CountDownLatch closed = new CountDownLatch(1);

        KeepAliveOrigin() throws IOException {
            Thread.ofVirtual().start(this::serve);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        private void serve() {
            try (Socket s = server.accept()) {
                if (RequestHead.read(s.getInputStream()) == null) {
                    return;
                }
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.ISO_8859_1));
                if (s.getInputStream().read() < 0) {
                    closed.countDown();
                }
            } catch (IOException e) {
                closed.countDown(); // reset: closed as well
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
