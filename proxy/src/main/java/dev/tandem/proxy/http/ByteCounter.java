package dev.tandem.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.Map;

/**
 * Counts bytes in and out of one connection (for %U, %B and "did the peer send anything"). On an
 * HTTP/1.1 connection it sees raw bytes; on an HTTP/2 stream it sees messages and counts their
 * HTTP/1.1 size, head included, as haproxy does for every version (measured: an h2 and an h1 GET
 * of the same response log the same %B).
 */
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
        } else if (msg instanceof HttpMessage || msg instanceof HttpContent) {
            in += size(msg);
            onFirstByte.run();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            out += b.readableBytes();
        } else if (msg instanceof HttpMessage || msg instanceof HttpContent) {
            out += size(msg);
        }
        ctx.write(msg, promise);
    }

    /** The message's size as HTTP/1.1 would carry it: start line, header lines, blank line, body bytes. */
    static long size(Object msg) {
        long n = 0;
        if (msg instanceof HttpRequest r) {
            n += r.method().name().length() + 1 + r.uri().length() + 1 + r.protocolVersion().text().length() + 2;
        } else if (msg instanceof HttpResponse r) {
            n += r.protocolVersion().text().length() + 5 + r.status().reasonPhrase().length() + 2;
        }
        if (msg instanceof HttpMessage m) {
            for (Map.Entry<String, String> h : m.headers()) {
                n += h.getKey().length() + 2 + h.getValue().length() + 2;
            }
            n += 2;
        }
        if (msg instanceof HttpContent c) {
            n += c.content().readableBytes();
        }
        return n;
    }
}
