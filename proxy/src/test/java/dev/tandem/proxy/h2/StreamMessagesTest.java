package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What an HTTP/2 stream's messages look like to the HTTP session, and the interim responses going out. */
class StreamMessagesTest {

    private static DefaultHttpRequest fromCodec(String uri) {
        DefaultHttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        r.headers().add("host", "example.test:8443").add("x-http2-scheme", "https").add("x-http2-stream-id", "3")
                .add("user-agent", "t");
        return r;
    }

    @Test
    void requestGetsHaproxysAbsoluteUriAndVersion() {
        EmbeddedChannel ch = new EmbeddedChannel(new StreamMessages(null));
        ch.writeInbound(fromCodec("/p?q=1"));
        HttpRequest r = ch.readInbound();
        assertThat(r.uri()).isEqualTo("https://example.test:8443/p?q=1");
        assertThat(r.protocolVersion().text()).isEqualTo("HTTP/2.0");
        assertThat(r.headers().names()).containsExactlyInAnyOrder("host", "user-agent");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aCompleteRequestArrivesAsHeadThenBody() {
        EmbeddedChannel ch = new EmbeddedChannel(new StreamMessages(null));
        DefaultFullHttpRequest full = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/u",
                Unpooled.copiedBuffer("body", StandardCharsets.US_ASCII));
        full.headers().add("host", "h").add("x-http2-scheme", "http");
        ch.writeInbound(full);
        HttpRequest head = ch.readInbound();
        assertThat(head).isNotInstanceOf(LastHttpContent.class);
        assertThat(head.uri()).isEqualTo("http://h/u");
        LastHttpContent body = ch.readInbound();
        assertThat(body.content().toString(StandardCharsets.US_ASCII)).isEqualTo("body");
        body.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void sameHostTwiceIsKeptOnceWithoutAuthorityNoAbsoluteUri() {
        EmbeddedChannel ch = new EmbeddedChannel(new StreamMessages(null));
        DefaultHttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
        r.headers().add("host", "a").add("Host", "A").add("x-http2-scheme", "http");
        ch.writeInbound(r);
        HttpRequest out = ch.readInbound();
        assertThat(out.headers().getAll("host")).containsExactly("a");
        EmbeddedChannel noAuthority = new EmbeddedChannel(new StreamMessages(null));
        DefaultHttpRequest bare = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/y");
        bare.headers().add("x-http2-scheme", "http");
        noAuthority.writeInbound(bare);
        assertThat(((HttpRequest) noAuthority.readInbound()).uri()).isEqualTo("/y");
    }

    /** RFC 9113 §8.1: an interim response is one complete HEADERS frame; the HTTP/1.1 codec's empty end is dropped. */
    @Test
    void interimResponseLeavesWhole() {
        EmbeddedChannel ch = new EmbeddedChannel(new StreamMessages(null));
        ch.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE),
                LastHttpContent.EMPTY_LAST_CONTENT,
                new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        FullHttpResponse interim = ch.readOutbound();
        assertThat(interim.status().code()).isEqualTo(100);
        interim.release();
        HttpResponse ok = ch.readOutbound();
        assertThat(ok.status().code()).isEqualTo(200);
        assertThat((Object) ch.readOutbound()).isNull();
        ch.finishAndReleaseAll();
    }
}
