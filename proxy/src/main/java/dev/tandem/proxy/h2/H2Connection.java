package dev.tandem.proxy.h2;

import dev.tandem.proxy.http.ClientConnection;
import dev.tandem.proxy.http.HttpFrontend;
import dev.tandem.proxy.model.Timeouts;
import dev.tandem.proxy.tls.TlsFacts;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/2 client connection, last in its pipeline (after the frame codec and the stream
 * multiplexer): it counts the connection (%fc, maxconn), logs "Connect from", keeps the addresses
 * its streams report, and closes the connection with GOAWAY when it stays without a stream.
 *
 * <p>Timeouts, as haproxy's H2 mux applies them (src/mux_h2.c {@code h2c_update_timeout()}): while
 * a stream is open the connection has no timeout of its own (each stream keeps "timeout client" for
 * its own inactivity, and "timeout server" towards its server); without a stream it waits
 * "timeout http-keep-alive" once a stream was seen, else "timeout http-request", and "timeout
 * client" when the one it would use is unset.
 */
final class H2Connection extends ChannelInboundHandlerAdapter implements ClientConnection {

    private final HttpFrontend fe;
    /** The HTTP/1.1 session it took over from already counted the connection and logged it. */
    private final boolean counted;
    private ChannelHandlerContext ctx;
    private InetSocketAddress source;
    private InetSocketAddress destination;
    private long acceptMillis;
    private int openStreams;
    private boolean sawStream;
    private boolean firstClaimed;
    private boolean active;
    private boolean refusedLogged;
    private ScheduledFuture<?> idleTimer;
    private boolean flushPending;

    H2Connection(HttpFrontend fe, boolean counted, InetSocketAddress source, InetSocketAddress destination) {
        this.fe = fe;
        this.counted = counted;
        this.source = source;
        this.destination = destination;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active = true;
        if (source == null) {
            source = (InetSocketAddress) ctx.channel().remoteAddress();
            destination = (InetSocketAddress) ctx.channel().localAddress();
        }
        acceptMillis = fe.clock().millis();
        if (!counted) {
            fe.runtime().opened();
            fe.logConnect(source, destination);
        }
        armIdle();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HAProxyMessage proxy) {
            onProxyHeader(proxy);
            return;
        }
        // connection-level frames (SETTINGS, PING, GOAWAY...) were handled by the codec already
        ReferenceCountUtil.release(msg);
    }

    /** accept-proxy: the PROXY header's addresses replace the connection's (haproxy.md §1.2). */
    private void onProxyHeader(HAProxyMessage proxy) {
        try {
            if (proxy.sourceAddress() != null && proxy.destinationAddress() != null) {
                source = new InetSocketAddress(InetAddress.ofLiteral(proxy.sourceAddress()), proxy.sourcePort());
                destination = new InetSocketAddress(InetAddress.ofLiteral(proxy.destinationAddress()),
                        proxy.destinationPort());
            }
        } finally {
            proxy.release();
        }
    }

    /**
     * A stream wants its frames on the wire. One flush of the connection after the event loop's
     * current batch serves every stream that answered in it: one write instead of one per stream.
     */
    void flushSoon() {
        if (!flushPending) {
            flushPending = true;
            ctx.executor().execute(() -> {
                flushPending = false;
                ctx.channel().flush();
            });
        }
    }

    void streamOpened() {
        openStreams++;
        sawStream = true;
        cancelIdle();
    }

    void streamClosed() {
        if (--openStreams == 0) {
            armIdle();
        }
    }

    /** Netty answered 431 to a header block over the limit; log it as haproxy logs a refused request. */
    void headerListTooLarge(int streamId) {
        fe.logRefused(source(), destination(), acceptMillis, 431, TlsFacts.of(ctx.channel()));
    }

    private void armIdle() {
        cancelIdle();
        if (!active || openStreams > 0) {
            return;
        }
        Timeouts t = fe.runtime().frontend().timeouts();
        long wait = sawStream && t.httpKeepAlive() > 0 ? t.httpKeepAlive() : t.httpRequest();
        if (wait <= 0) {
            wait = t.client();
        }
        if (wait > 0) {
            idleTimer = ctx.executor().schedule(this::onIdle, wait, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelIdle() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    /** Closing through the codec sends GOAWAY(NO_ERROR) first (RFC 9113 §6.8). */
    private void onIdle() {
        idleTimer = null;
        if (openStreams == 0 && ctx.channel().isActive()) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        active = false;
        cancelIdle();
        fe.runtime().closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof Http2Exception e) {
                // the codec sends its GOAWAY with the error's code and closes (RFC 9113 §5.4.1); a
                // connection that fails before its first stream (no preface: an HTTP/1.1 client on
                // "proto h2") is logged as haproxy 2.6 logs it, "<BADREQ>" with status 0, PR
                if (!sawStream && !refusedLogged && !(e instanceof Http2Exception.StreamException)) {
                    refusedLogged = true;
                    fe.logRefused(source(), destination(), acceptMillis, 0, TlsFacts.of(ctx.channel()));
                }
                return;
            }
        }
        ctx.close();
    }

    @Override
    public InetSocketAddress source() {
        return source != null ? source : (InetSocketAddress) ctx.channel().remoteAddress();
    }

    @Override
    public InetSocketAddress destination() {
        return destination != null ? destination : (InetSocketAddress) ctx.channel().localAddress();
    }

    @Override
    public long acceptMillis() {
        return acceptMillis;
    }

    @Override
    public boolean claimFirstStream() {
        if (firstClaimed) {
            return false;
        }
        firstClaimed = true;
        return true;
    }
}
