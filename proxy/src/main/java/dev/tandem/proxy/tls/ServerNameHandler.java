package dev.tandem.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.internal.tcnative.SSL;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.Set;

/**
 * Reads the ClientHello's server_name, picks the certificate's SslContext from the bind's
 * {@link SniTable}, records the name for ssl_fc_sni and replaces itself with the SslHandler.
 * With strict-sni and no match, {@link StrictSniGuard} answers a fatal unrecognized_name alert
 * and closes.
 */
final class ServerNameHandler extends SniHandler {

    /** TLS plaintext alert record: fatal (2), unrecognized_name (112), RFC 6066 §3 / RFC 8446 §6. */
    private static final byte[] UNRECOGNIZED_NAME_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x70};

    private final SniTable<SslContext> table;
    private final Set<SslContext> withoutTickets;

    ServerNameHandler(SniTable<SslContext> table, Set<SslContext> withoutTickets, long handshakeTimeoutMillis) {
        super((io.netty.util.Mapping<String, SslContext>) name -> null, handshakeTimeoutMillis);
        this.table = table;
        this.withoutTickets = withoutTickets;
    }

    /** {@code no-tls-tickets}: per engine, as Netty offers no switch on the context (RFC 5077 §3.1). */
    @Override
    protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
        SslHandler handler = super.newSslHandler(context, allocator);
        if (withoutTickets.contains(context) && handler.engine() instanceof ReferenceCountedOpenSslEngine e) {
            SSL.setOptions(e.sslPointer(), SSL.SSL_OP_NO_TICKET);
        }
        return handler;
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, String hostname) {
        return table.select(hostname)
                .<Future<SslContext>>map(c -> ImmediateEventExecutor.INSTANCE.newSucceededFuture(c))
                .orElseGet(() -> ImmediateEventExecutor.INSTANCE.newFailedFuture(new NoCertificateForName(hostname)));
    }

    @Override
    protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext sslContext) throws Exception {
        if (hostname != null) {
            ctx.channel().attr(TlsFacts.SERVER_NAME).set(hostname);
        }
        super.replaceHandler(ctx, hostname, sslContext);
    }

    /**
     * Netty passes a failed lookup on as an exception to the handlers after this one; this guard
     * sits right behind it, turns the strict-sni refusal into the alert and keeps it from the
     * HTTP session. It leaves the pipeline once a certificate is chosen.
     */
    static final class StrictSniGuard extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SniCompletionEvent e && e.isSuccess()) {
                ctx.pipeline().remove(this);
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            if (!causedBy(cause, NoCertificateForName.class)) {
                super.exceptionCaught(ctx, cause);
            } else if (ctx.channel().isActive()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(UNRECOGNIZED_NAME_ALERT))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** strict-sni and the ClientHello names no loaded certificate (or names none). */
    static final class NoCertificateForName extends Exception {
        NoCertificateForName(String hostname) {
            super("strict-sni: no certificate for server name " + (hostname == null ? "(none sent)" : "'" + hostname
                    + "'"), null, false, false);
        }
    }
}
