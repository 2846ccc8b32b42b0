package dev.tandem.proxy.h2;

import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;
import java.util.function.IntConsumer;

/**
 * Netty's server frame codec with the client connection's limits and its decoder wrapped in the
 * {@link GuardedDecoder}. Netty's other protections stay on: queued control frames (a client that
 * never reads our PING/SETTINGS ACKs), consecutive empty DATA frames, RST_STREAMs we send, tiny
 * CONTINUATION frames; its RST_STREAM limiter is replaced by the guard, which counts it with the rest.
 */
final class H2CodecBuilder extends Http2FrameCodecBuilder {

    private final FloodGuard guard;
    private final IntConsumer headerListTooLarge;

    H2CodecBuilder(H2Limits limits, FloodGuard guard, IntConsumer headerListTooLarge) {
        this.guard = guard;
        this.headerListTooLarge = headerListTooLarge;
        server(true);
        initialSettings(limits.settings());
        validateHeaders(true);
        decoderEnforceMaxRstFramesPerWindow(0, 0);
    }

    @Override
    protected Http2FrameCodec build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
            Http2Settings initialSettings) {
        return super.build(new GuardedDecoder(decoder, guard, headerListTooLarge), encoder, initialSettings);
    }
}
