package dev.tandem.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Counts raw bytes in and out of one connection (for %U, %B and "did the peer send anything"). */
final class ByteCounter extends ChannelDuplexHandler {

    long in;
    long out;
    private final Runnable onFirstByte;

    ByteCounter(Runnable onFirstByte) {
        this.onFirstByte = onFirstByte;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            in += b.readableBytes();
            onFirstByte.run();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            out += b.readableBytes();
        }
        ctx.write(msg, promise);
    }
}
