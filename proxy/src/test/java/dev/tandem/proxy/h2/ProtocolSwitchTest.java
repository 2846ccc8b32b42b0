package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.http.HttpSession;
import dev.tandem.proxy.model.Bind;
import dev.tandem.proxy.model.Frontend;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2FrameCodec;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocol switch on an EmbeddedChannel, fed every split of its input: the HTTP/2 preface
 * makes the connection HTTP/2 (configuration.txt "option disable-h2-upgrade": the implicit
 * upgrade), anything else stays HTTP/1.1 and loses no byte. The frontend denies every request, so
 * an answer proves the request went through whole without any server.
 */
class ProtocolSwitchTest {

    private static final byte[] PREFACE = ProtocolSwitch.PREFACE;
    private static final byte[] H1 = "GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static EmbeddedChannel channel(Bind.Proto proto) {
        Frontend fe = Models.frontend("fe", "app", Models.v4()).withRules(Models.rules("deny"), List.of());
        ProtocolSwitch sw = new ProtocolSwitch(TestFrontends.http(fe,
                Models.backend("app", new InetSocketAddress("127.0.0.1", 9))), proto, H2Limits.DEFAULTS);
        return new EmbeddedChannel(sw) {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress("127.0.0.1", 40000);
            }

            @Override
            protected SocketAddress localAddress0() {
                return new InetSocketAddress("127.0.0.1", 8080);
            }
        };
    }

    private static void feed(EmbeddedChannel ch, byte[] bytes, int split) {
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
    }

    private static String outbound(EmbeddedChannel ch) {
        StringBuilder b = new StringBuilder();
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            ByteBuf buf = (ByteBuf) o;
            b.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return b.toString();
    }

    @Test
    void prefaceMatchingIsByPrefix() {
        assertThat(ProtocolSwitch.Preface.of(Unpooled.EMPTY_BUFFER)).isEqualTo(ProtocolSwitch.Preface.MORE);
        assertThat(ProtocolSwitch.Preface.of(Unpooled.copiedBuffer("PRI * HT", StandardCharsets.US_ASCII)))
                .isEqualTo(ProtocolSwitch.Preface.MORE);
        assertThat(ProtocolSwitch.Preface.of(Unpooled.copiedBuffer("PRX", StandardCharsets.US_ASCII)))
                .isEqualTo(ProtocolSwitch.Preface.NO);
        assertThat(ProtocolSwitch.Preface.of(Unpooled.wrappedBuffer(PREFACE))).isEqualTo(ProtocolSwitch.Preface.YES);
    }

    @ParameterizedTest(name = "split at {0}")
    @ValueSource(ints = {1, 2, 3, 10, 16, 23, 24})
    void prefaceInAnySplitSwitchesToHttp2(int split) {
        EmbeddedChannel ch = channel(Bind.Proto.AUTO);
        assertThat(ch.pipeline().get(HttpSession.class)).as("HTTP/1.1 serves until the preface is seen").isNotNull();
        feed(ch, PREFACE, split);
        assertThat(ch.pipeline().get(Http2FrameCodec.class)).isNotNull();
        assertThat(ch.pipeline().get(HttpSession.class)).isNull();
        assertThat(ch.pipeline().get(ProtocolSwitch.class)).isNull();
        assertThat(ch.pipeline().names()).doesNotContain("decoder", "encoder", "bytes");
        assertThat(outbound(ch).charAt(3)).as("the server's SETTINGS frame").isEqualTo((char) 0x4);
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "split at {0}")
    @ValueSource(ints = {1, 2, 3, 5, 16, 27})
    void http11InAnySplitStaysHttp11AndLosesNothing(int split) {
        EmbeddedChannel ch = channel(Bind.Proto.AUTO);
        feed(ch, H1, split);
        assertThat(ch.pipeline().get(ProtocolSwitch.class)).isNull();
        assertThat(ch.pipeline().get(Http2FrameCodec.class)).isNull();
        assertThat(outbound(ch)).startsWith("HTTP/1.1 403 Forbidden");
        ch.finishAndReleaseAll();
    }

    /** "option disable-h2-upgrade" / "proto h1": no sniffing, the preface is a bad HTTP/1.1 request. */
    @Test
    void withoutUpgradeThePrefaceIsABadRequest() {
        for (Bind.Proto proto : new Bind.Proto[] {Bind.Proto.NO_UPGRADE, Bind.Proto.H1}) {
            EmbeddedChannel ch = channel(proto);
            assertThat(ch.pipeline().get(ProtocolSwitch.class)).isNull();
            ch.writeInbound(Unpooled.wrappedBuffer(PREFACE));
            assertThat(outbound(ch)).startsWith("HTTP/1.1 400 Bad request");
            ch.finishAndReleaseAll();
        }
    }

    /** "proto h2": HTTP/2 from the first byte, no HTTP/1.1 session at all. */
    @Test
    void protoH2StartsHttp2AtOnce() {
        EmbeddedChannel ch = channel(Bind.Proto.H2);
        assertThat(ch.pipeline().get(Http2FrameCodec.class)).isNotNull();
        assertThat(ch.pipeline().get(HttpSession.class)).isNull();
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void servedProtocolsFollowTheBind() {
        List<List<String>> served = new ArrayList<>();
        for (Bind.Proto p : Bind.Proto.values()) {
            served.add(p.served());
        }
        assertThat(served).containsExactly(List.of("h2", "http/1.1"), List.of("h2", "http/1.1"), List.of("http/1.1"),
                List.of("h2"));
    }
}
