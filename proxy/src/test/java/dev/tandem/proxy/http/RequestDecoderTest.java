package dev.tandem.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request decoder through EmbeddedChannel, with every two-way split of the input and byte by byte. */
class RequestDecoderTest {

    /** What one decode produced: head, body text, failure, forced close. */
    private record Decoded(String method, String uri, List<String> headerNames, String body, boolean failed,
            boolean forceClose) {}

    private static Decoded decode(byte[] input, int... cuts) {
        RequestDecoder decoder = new RequestDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(Unpooled.copiedBuffer(input, from, cut - from));
            from = cut;
        }
        ch.writeInbound(Unpooled.copiedBuffer(input, from, input.length - from));
        String method = null;
        String uri = null;
        List<String> names = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        boolean failed = false;
        Object o;
        while ((o = ch.readInbound()) != null) {
            if (o instanceof HttpRequest r) {
                method = r.method().name();
                uri = r.uri();
                r.headers().forEach(e -> names.add(e.getKey()));
                failed |= r.decoderResult().isFailure();
            }
            if (o instanceof HttpContent c) {
                body.append(c.content().toString(StandardCharsets.ISO_8859_1));
                failed |= c.decoderResult().isFailure();
            }
            ReferenceCountUtil.release(o);
        }
        boolean forceClose = decoder.takeForceClose();
        ch.finishAndReleaseAll();
        return new Decoded(method, uri, names, body.toString(), failed, forceClose);
    }

    private static void sameForEverySplit(String request, Decoded expected) {
        byte[] in = request.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(decode(in)).isEqualTo(expected);
        for (int cut = 1; cut < in.length; cut++) {
            assertThat(decode(in, cut)).as("split at %d", cut).isEqualTo(expected);
        }
        int[] each = new int[in.length - 1];
        for (int i = 0; i < each.length; i++) {
            each[i] = i + 1;
        }
        assertThat(decode(in, each)).as("byte by byte").isEqualTo(expected);
    }

    @Test
    void chunkedRequestDecodesIdenticallyUnderEveryFragmentation() {
        sameForEverySplit("POST /up HTTP/1.1\r\nHost: a\r\nX-CaSe: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n",
                new Decoded("POST", "/up", List.of("Host", "X-CaSe", "Transfer-Encoding"), "abcde", false, false));
    }

    @Test
    void contentLengthWithChunkedLosesContentLengthAndForcesCloseUnderEveryFragmentation() {
        sameForEverySplit("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "1\r\nx\r\n0\r\n\r\n",
                new Decoded("POST", "/", List.of("Host", "Transfer-Encoding"), "x", false, true));
    }

    @Test
    void spaceBeforeColonFailsUnderEveryFragmentation() {
        byte[] in = "GET / HTTP/1.1\r\nHost : a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < in.length; cut++) {
            assertThat(decode(in, cut).failed()).as("split at %d", cut).isTrue();
        }
    }

    @Test
    void bareLineFeedsAreAcceptedAsHaproxyDoes() {
        Decoded d = decode("GET /lf HTTP/1.1\nHost: a\n\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(d.failed()).isFalse();
        assertThat(d.uri()).isEqualTo("/lf");
    }

    @Test
    void fourteenKilobyteHeaderPassesAndSixteenFails() {
        String ok = "GET / HTTP/1.1\r\nX: " + "a".repeat(14_000) + "\r\n\r\n";
        String big = "GET / HTTP/1.1\r\nX: " + "a".repeat(16_000) + "\r\n\r\n";
        assertThat(decode(ok.getBytes(StandardCharsets.ISO_8859_1)).failed()).isFalse();
        assertThat(decode(big.getBytes(StandardCharsets.ISO_8859_1)).failed()).isTrue();
    }

    @Test
    void lastContentEndsEveryBodylessRequest() {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestDecoder());
        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: a\r\n\r\n", StandardCharsets.ISO_8859_1));
        Object head = ch.readInbound();
        Object last = ch.readInbound();
        assertThat(head).isInstanceOf(HttpRequest.class);
        assertThat(last).isInstanceOf(LastHttpContent.class);
        ReferenceCountUtil.release(head);
        ReferenceCountUtil.release(last);
        ch.finishAndReleaseAll();
    }
}
