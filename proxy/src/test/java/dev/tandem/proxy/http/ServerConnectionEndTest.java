package dev.tandem.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RequestHead;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How a server connection ends when its client's does (option http-keep-alive, the default).
 * haproxy 2.6, measured with strace against nginx: after the response to a client's
 * "Connection: close" it sets SO_LINGER {1, 0} on the server socket and closes it, so the server
 * sees a reset and no TIME_WAIT stays on the proxy's side; the server never gets "Connection: close".
 */
class ServerConnectionEndTest {

    @Test
    void clientConnectionCloseResetsItsServerConnectionAfterTheResponse() throws Exception {
        try (ServerSocket origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ProxyServer proxy = Models.start(Models.frontend("fe", "app", Models.v4()),
                        Models.backend("app", new InetSocketAddress("127.0.0.1", origin.getLocalPort())))) {
            InetSocketAddress at = proxy.boundAddresses().getFirst();
            try (RawHttpClient c = RawHttpClient.connect(at)) {
                c.send("GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
                try (Socket server = origin.accept()) {
                    server.setSoTimeout(5000);
                    String head = RequestHead.read(server.getInputStream());
                    assertThat(head).startsWith("GET /x HTTP/1.1\r\n").doesNotContainIgnoringCase("connection: close");
                    server.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                            .getBytes(StandardCharsets.US_ASCII));
                    assertThat(c.readAll()).startsWith("HTTP/1.1 200 OK").endsWith("ok");
                    // a reset, not the end of stream (-1) of an orderly close
                    assertThatThrownBy(() -> server.getInputStream().read())
                            .isInstanceOf(SocketException.class).hasMessageContaining("reset");
                }
            }
        }
    }

}
