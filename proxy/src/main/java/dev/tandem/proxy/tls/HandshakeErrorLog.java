package dev.tandem.proxy.tls;

import dev.tandem.proxy.log.LogClock;
import dev.tandem.proxy.rules.Fetches;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * haproxy's one log line for a connection whose TLS handshake never completed, in its legacy
 * error format {@code %ci:%cp [%t] %f/<bind>: <reason>} (haproxy 2.6.12, measured here:
 * {@code 127.0.0.1:46408 [02/Dec/2026:13:02:18.318] fe/1: SSL handshake failure}). The bind is its
 * {@code name}, else the socket's number in the frontend. haproxy writes these only for a frontend
 * with a log format (httplog, tcplog, log-format); with {@code option dontlognull} only a failed
 * handshake is logged, not one that was closed, reset or timed out (measured on 2.6.12; session.c
 * checks the error code before a timeout sets it). Sits after the TLS handlers; leaves once the
 * handshake succeeds.
 */
public final class HandshakeErrorLog extends ChannelInboundHandlerAdapter {

    static final String FAILURE = "SSL handshake failure";
    static final String CLOSED = "Connection closed during SSL handshake";
    static final String TIMEOUT = "Timeout during SSL handshake";
    static final String ABORT = "Connection error during SSL handshake";

    private final String label;
    private final boolean dontLogNull;
    private final LogClock clock;
    private final Consumer<String> log;
    private InetSocketAddress source;
    private long acceptMillis;
    private String reason;

    /**
     * @param label "frontend/bind" as the line shows it
     * @param log where the line goes (the frontend's log targets)
     */
    public HandshakeErrorLog(String label, boolean dontLogNull, LogClock clock, Consumer<String> log) {
        this.label = label;
        this.dontLogNull = dontLogNull;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        source = (InetSocketAddress) ctx.channel().remoteAddress();
        acceptMillis = clock.millis();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // accept-proxy: the PROXY header came before the hello and names the real client
        if (msg instanceof HAProxyMessage p && p.sourceAddress() != null) {
            source = new InetSocketAddress(InetAddress.ofLiteral(p.sourceAddress()), p.sourcePort());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess()) {
            ctx.pipeline().remove(this);
        } else if ((evt instanceof SslHandshakeCompletionEvent || evt instanceof SniCompletionEvent)
                && !((SslCompletionEvent) evt).isSuccess() && reason == null) {
            Throwable cause = ((SslCompletionEvent) evt).cause();
            // a peer that closes mid-handshake fails it from channelInactive: the channel is already down
            reason = cause instanceof SslHandshakeTimeoutException ? TIMEOUT
                    : ctx.channel().isActive() ? FAILURE : CLOSED;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (reason == null) {
            // a socket error (reset) is haproxy's CO_ER_SSL_ABORT; anything the TLS layer raised is a failure
            reason = cause instanceof java.io.IOException && !(cause instanceof javax.net.ssl.SSLException) ? ABORT
                    : FAILURE;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String why = reason == null ? CLOSED : reason;
        if (!(dontLogNull && !why.equals(FAILURE)) && source != null) {
            log.accept(Fetches.ip(source) + ":" + source.getPort() + " [" + clock.haproxyDate(acceptMillis) + "] " + label
                    + ": " + why);
        }
        ctx.fireChannelInactive();
    }
}
