package dev.tandem.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HttpBackendTest {

    @Test
    void recordsHeaderLinesWithTheirCaseAndOrderAndAChunkedBody() throws Exception {
        try (HttpBackend backend = HttpBackend.start(); RawHttpClient client = RawHttpClient.connect(backend.address())) {
            client.send("POST /up HTTP/1.1\r\nHost: a\r\nX-MiXeD: 1\r\nx-mixed: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
            assertThat(client.readResponse()).startsWith("HTTP/1.1 200 OK").endsWith("ok");
            RecordedRequest r = backend.take();
            assertThat(r.requestLine()).isEqualTo("POST /up HTTP/1.1");
            assertThat(r.headerNames()).containsExactly("Host", "X-MiXeD", "x-mixed", "Transfer-Encoding");
            assertThat(r.headers("x-mixed")).containsExactly("1", "2");
            assertThat(r.bodyText()).isEqualTo("abcde");
        }
    }

    @Test
    void garbageReplyIsSentVerbatimThenTheConnectionCloses() throws Exception {
        try (HttpBackend backend = HttpBackend.start(r -> Reply.garbage("HELLO WORLD"));
                RawHttpClient client = RawHttpClient.connect(backend.address())) {
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(client.readAll()).isEqualTo("HELLO WORLD");
        }
    }

    @Test
    void echoBackendEchoesAndHalfClosesAfterClientHalfClose() throws IOException {
        try (TcpEchoBackend echo = TcpEchoBackend.start(); RawHttpClient client = RawHttpClient.connect(echo.address())) {
            client.send("ping");
            client.shutdownOutput();
            assertThat(client.readAll()).isEqualTo("ping");
            assertThat(echo.halfClosed()).isEqualTo(1);
        }
    }
}
