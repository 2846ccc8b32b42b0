package dev.tandem.proxy.h2;

import dev.tandem.proxy.http.HttpFrontend;
import dev.tandem.proxy.http.HttpSession;
import dev.tandem.proxy.model.Bind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.ssl.SslClientHelloHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The first handler of an HTTP client connection after TLS (when the bind has it): it picks
 * HTTP/1.1 or HTTP/2 for the connection and installs the handlers of that protocol.
 *
 * <ul>
 * <li>With TLS, after the handshake: "h2" chosen by ALPN means HTTP/2.
 * <li>Otherwise HTTP/1.1 starts at once (its request timeout runs from the accept), and, unless
 *     {@code option disable-h2-upgrade} or {@code proto h1}, the first bytes are watched: a
 *     connection that opens with the HTTP/2 preface "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" becomes HTTP/2
 *     (configuration.txt "option disable-h2-upgrade": haproxy 2.6 upgrades implicitly; "proto h2"
 *     on the bind is not needed for that, it forces HTTP/2 on every connection).
 * <li>{@code proto h2} starts HTTP/2 at once; a client that does not speak it gets GOAWAY.
 * </ul>
 *
 * TLS is recognised from Netty's handlers ahead of this one, so the channel initializer only has to
 * put it after the TLS handler; what ALPN may offer is {@link Bind.Proto#served()}.
 */
public final class ProtocolSwitch extends ChannelInboundHandlerAdapter {

    /** Never shared; said here so Netty need not look it up per connection (a thread-local WeakHashMap). */
    @Override
    public boolean isSharable() {
        return false;
    }

    /** RFC 9113 §3.4: every HTTP/2 connection opens with these 24 octets. */
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpFrontend fe;
    private final Bind.Proto proto;
    private final H2Limits limits;
    private boolean tls;
    private boolean decided;
    private HttpSession h1;
    private ByteBuf held;
    private HAProxyMessage heldProxy;
    private InetSocketAddress source;
    private InetSocketAddress destination;
    private long acceptMillis;
    private long acceptNanos;

    public ProtocolSwitch(HttpFrontend fe, Bind.Proto proto, H2Limits limits) {
        this.fe = fe;
        this.proto = proto;
        this.limits = limits;
    }

    /** What a prefix of the connection's first bytes says: the preface, not it, or too short to tell. */
    enum Preface {
        YES, NO, MORE;

        static Preface of(ByteBuf b) {
            int n = Math.min(b.readableBytes(), PREFACE.length);
            for (int i = 0; i < n; i++) {
                if (b.getByte(b.readerIndex() + i) != PREFACE[i]) {
                    return NO;
                }
            }
            return n == PREFACE.length ? YES : MORE;
        }
    }

    /** Looked up once the channel is active, when every initializer ahead (TLS's SNI step) has run. */
    private static boolean tlsAhead(ChannelHandlerContext ctx) {
        // walks the contexts: iterating the pipeline would copy it into a map per connection
        ChannelPipeline p = ctx.pipeline();
        return p.context(SslHandler.class) != null || p.context(SslClientHelloHandler.class) != null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        acceptMillis = fe.clock().millis();
        acceptNanos = fe.clock().nanos();
        tls = tlsAhead(ctx);
        if (tls) {
            ctx.read(); // the TLS handler reads on by itself until the handshake is done
            return;
        }
        choose(ctx, false);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent && h1 == null && !decided) {
            // half-closure is allowed on client sockets: a client gone before any protocol started is closed here
            ctx.close();
            return;
        }
        if (evt instanceof SslHandshakeCompletionEvent e && tls && !decided && h1 == null) {
            if (e.isSuccess()) {
                SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                choose(ctx, ssl != null && "h2".equals(ssl.applicationProtocol()));
            }
            ctx.fireUserEventTriggered(evt);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void choose(ChannelHandlerContext ctx, boolean alpnH2) {
        if (proto == Bind.Proto.H2 || alpnH2 && proto != Bind.Proto.H1) {
            startHttp2(ctx, false);
            return;
        }
        h1 = fe.newSession().acceptedAt(acceptMillis, acceptNanos);
        ctx.pipeline().addAfter(ctx.name(), "session", h1);
        ctx.fireChannelActive();
        if (heldProxy != null) {
            HAProxyMessage m = heldProxy;
            heldProxy = null;
            ctx.fireChannelRead(m);
        }
        if (proto != Bind.Proto.AUTO) {
            decided = true;
            forwardHeldAndLeave(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HAProxyMessage m) {
            if (m.sourceAddress() != null && m.destinationAddress() != null) {
                source = new InetSocketAddress(InetAddress.ofLiteral(m.sourceAddress()), m.sourcePort());
                destination = new InetSocketAddress(InetAddress.ofLiteral(m.destinationAddress()),
                        m.destinationPort());
            }
            if (h1 == null) {
                heldProxy = m;
            } else {
                ctx.fireChannelRead(m);
            }
            return;
        }
        if (!(msg instanceof ByteBuf b)) {
            ctx.fireChannelRead(msg);
            return;
        }
        hold(ctx, b);
        if (h1 == null) {
            return; // TLS not done yet: nothing to decide on
        }
        switch (Preface.of(held)) {
            case NO -> {
                decided = true;
                forwardHeldAndLeave(ctx);
            }
            case YES -> {
                decided = true;
                HttpSession session = h1;
                h1 = null;
                session.handOver();
                startHttp2(ctx, true);
            }
            case MORE -> { }
        }
    }

    /**
     * Until the protocol is chosen over TLS nobody else asks for more bytes: a PROXY header or a
     * ClientHello split over reads passes through the TLS handler without it reading on.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (tls && h1 == null && !decided && ctx.channel().isActive()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    /** Before a protocol handler exists nobody else would close: the TLS layer's error was logged ahead of us. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (h1 == null && !decided) {
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void hold(ChannelHandlerContext ctx, ByteBuf b) {
        if (held == null) {
            held = b;
        } else {
            CompositeByteBuf c = held instanceof CompositeByteBuf cb ? cb : ctx.alloc().compositeBuffer().addComponent(true,
                    held);
            held = c.addComponent(true, b);
        }
    }

    private void forwardHeldAndLeave(ChannelHandlerContext ctx) {
        ByteBuf b = held;
        held = null;
        if (b != null) {
            ctx.fireChannelRead(b);
        }
        ctx.pipeline().remove(this);
    }

    /**
     * Frame codec, stream multiplexer and connection handler after this one; reading becomes
     * automatic, as HTTP/2 flow control bounds what a client may send ahead of its streams.
     */
    private void startHttp2(ChannelHandlerContext ctx, boolean counted) {
        decided = true;
        H2Connection connection = new H2Connection(fe, counted, source, destination);
        FloodGuard guard = new FloodGuard(limits, fe.clock()::nanos);
        Http2FrameCodec codec = new H2CodecBuilder(limits, guard, connection::headerListTooLarge).build();
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), "h2", codec);
        p.addAfter("h2", "h2-streams", new Http2MultiplexHandler(new StreamInitializer(fe, connection)));
        p.addAfter("h2-streams", "h2-connection", connection);
        ctx.fireChannelActive();
        if (heldProxy != null) {
            HAProxyMessage m = heldProxy;
            heldProxy = null;
            ctx.fireChannelRead(m);
        }
        ctx.channel().config().setAutoRead(true);
        forwardHeldAndLeave(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    private void release() {
        if (held != null) {
            ReferenceCountUtil.release(held);
            held = null;
        }
        if (heldProxy != null) {
            heldProxy.release();
            heldProxy = null;
        }
    }
}
