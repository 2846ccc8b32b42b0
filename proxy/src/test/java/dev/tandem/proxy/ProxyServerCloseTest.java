package dev.tandem.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.model.Frontend;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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
            ProxyServer proxy = start(origin);
            try (Socket client = requestOnce(proxy)) {
                BusyLoops.stopWhileBusy(proxy);
                assertThat(endOfStream(client, 3000)).as("the client connection was closed").isTrue();
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
            try (Socket client = requestOnce(proxy)) {
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

    private static ProxyServer start(KeepAliveOrigin origin) throws ProxyStartException {
        Frontend fe = Models.frontend("fe", "app", Models.v4());
        return Models.start(fe, Models.backend("app", origin.address()));
    }

    /** A client connection that has had one answered request and stays open. */
    private static Socket requestOnce(ProxyServer proxy) throws IOException {
        Socket client = new Socket();
        client.connect(proxy.boundAddresses().get(0), 2000);
        request(client);
        return client;
    }

    private static void request(Socket client) throws IOException {
        client.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(readResponse(client.getInputStream())).startsWith("HTTP/1.1 200").endsWith("ok");
    }

    /** The bytes up to the 2-byte body of the origin's answer. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\nok")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private static boolean endOfStream(Socket s, int timeoutMillis) throws IOException {
        s.setSoTimeout(timeoutMillis);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
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
                InputStream in = s.getInputStream();
                int matched = 0;
                byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
                }
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.ISO_8859_1));
                if (in.read() < 0) {
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
