package dev.tandem.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/** Arbitrary client bytes never make the request decoder throw, and every message it emits can be released. */
class RequestDecoderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void decoderNeverThrowsAndNeverLeaks(byte[] input) {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestDecoder());
        int half = input.length / 2;
        ch.writeInbound(Unpooled.wrappedBuffer(input, 0, half));
        ch.writeInbound(Unpooled.wrappedBuffer(input, half, input.length - half));
        Object o;
        while ((o = ch.readInbound()) != null) {
            assertThat(o).isInstanceOf(HttpObject.class);
            ReferenceCountUtil.release(o);
        }
        ch.finishAndReleaseAll();
    }
}
