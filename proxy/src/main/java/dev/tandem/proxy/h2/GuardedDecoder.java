package dev.tandem.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DecoratingHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.netty.handler.codec.http2.Http2Settings;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The connection's frame decoder with the {@link FloodGuard} in front of the frame listener (the
 * place Netty's own RST limiter uses): a frame over a limit is a connection error
 * ENHANCE_YOUR_CALM, so the codec answers GOAWAY and closes (RFC 9113 §5.4.1). It also reports
 * header blocks refused for their size, which Netty answers with 431 before any stream exists.
 */
final class GuardedDecoder extends DecoratingHttp2ConnectionDecoder {

    private final FloodGuard guard;
    private final IntConsumer headerListTooLarge;

    GuardedDecoder(Http2ConnectionDecoder delegate, FloodGuard guard, IntConsumer headerListTooLarge) {
        super(delegate);
        this.guard = guard;
        this.headerListTooLarge = headerListTooLarge;
    }

    @Override
    public void frameListener(Http2FrameListener listener) {
        super.frameListener(listener == null ? null : new Counting(listener));
    }

    @Override
    public void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Http2Exception {
        try {
            super.decodeFrame(ctx, in, out);
        } catch (Http2Exception.HeaderListSizeException e) {
            if (e.duringDecode()) {
                headerListTooLarge.accept(e.streamId());
            }
            throw e;
        }
    }

    private void check(FloodGuard.Frame f) throws Http2Exception {
        String why = guard.count(f);
        if (why != null) {
            throw Http2Exception.connectionError(Http2Error.ENHANCE_YOUR_CALM, "%s", why);
        }
    }

    private final class Counting extends Http2FrameListenerDecorator {
        Counting(Http2FrameListener listener) {
            super(listener);
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) throws Http2Exception {
            check(FloodGuard.Frame.RST_STREAM);
            super.onRstStreamRead(ctx, streamId, errorCode);
        }

        @Override
        public void onPingRead(ChannelHandlerContext ctx, long data) throws Http2Exception {
            check(FloodGuard.Frame.PING);
            super.onPingRead(ctx, data);
        }

        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) throws Http2Exception {
            check(FloodGuard.Frame.SETTINGS);
            super.onSettingsRead(ctx, settings);
        }

        @Override
        public void onPriorityRead(ChannelHandlerContext ctx, int streamId, int streamDependency, short weight,
                boolean exclusive) throws Http2Exception {
            check(FloodGuard.Frame.PRIORITY);
            super.onPriorityRead(ctx, streamId, streamDependency, weight, exclusive);
        }
    }
}
