package dev.tandem.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts bytes in and out of one connection (for %U, %B and "did the peer send anything"). On an
 * HTTP/1.1 connection it sees raw bytes; on an HTTP/2 stream it sees messages and counts their
 * HTTP/1.1 size, head included, as haproxy does for every version (measured: an h2 and an h1 GET
 * of the same response log the same %B).
 *
 * <p>It also keeps the connection's inactivity timeout ("timeout client", "timeout server",
 * "timeout tunnel"): an {@link IdleStateEvent} after that long without a read or a write, as
 * Netty's {@code IdleStateHandler(0, 0, t)} would send, without a handler of its own and the
 * listener it puts on every write (the connection-close profile showed both).
 */
final class ByteCounter extends ChannelDuplexHandler {

    long in;
    long out;
    private final Runnable onFirstByte;
    private ChannelHandlerContext ctx;
    private long idleNanos;
    private long lastNanos;
    private boolean firstIdle = true;
    private ScheduledFuture<?> idleTimer;

    ByteCounter(Runnable onFirstByte) {
        this.onFirstByte = onFirstByte;
    }

    /** The inactivity timeout from now on (0: none); the clock restarts. */
    void idleTimeout(long millis) {
        idleNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        firstIdle = true;
        stopIdleTimer();
        startIdleTimer();
    }

    private void startIdleTimer() {
        if (ctx != null && idleNanos > 0 && idleTimer == null && ctx.channel().isActive()
                && ctx.channel().isRegistered()) {
            lastNanos = System.nanoTime();
            idleTimer = ctx.executor().schedule(this::onIdleTimer, idleNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stopIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private void onIdleTimer() {
        idleTimer = null;
        if (!ctx.channel().isOpen() || idleNanos <= 0) {
            return;
        }
        long quiet = System.nanoTime() - lastNanos;
        if (quiet < idleNanos) {
            idleTimer = ctx.executor().schedule(this::onIdleTimer, idleNanos - quiet, TimeUnit.NANOSECONDS);
            return;
        }
        idleTimer = ctx.executor().schedule(this::onIdleTimer, idleNanos, TimeUnit.NANOSECONDS);
        IdleStateEvent e = firstIdle ? IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT : IdleStateEvent.ALL_IDLE_STATE_EVENT;
        firstIdle = false;
        ctx.fireUserEventTriggered(e);
    }

    /** Never shared; said here so Netty need not look it up per connection (a thread-local WeakHashMap). */
    @Override
    public boolean isSharable() {
        return false;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        startIdleTimer();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopIdleTimer();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startIdleTimer();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopIdleTimer();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (idleNanos > 0) {
            lastNanos = System.nanoTime();
            firstIdle = true;
        }
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
        if (idleNanos > 0) {
            lastNanos = System.nanoTime();
            firstIdle = true;
        }
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
