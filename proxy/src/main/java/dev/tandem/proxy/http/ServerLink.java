package dev.tandem.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketAddress;

/**
 * The proxy's end of one server connection. While attached it hands everything to its
 * {@link HttpSession}; while idle in a {@link ServerPool} any input or close retires it.
 */
final class ServerLink extends ChannelInboundHandlerAdapter {

    /** Never shared; said here so Netty need not look it up per connection (a thread-local WeakHashMap). */
    @Override
    public boolean isSharable() {
        return false;
    }

    private final SocketAddress address;
    private final ServerPool pool;
    private final ServerPool.Key key;
    private Channel channel;
    private HttpSession session;
    final ByteCounter counter = new ByteCounter(() -> { });
    boolean reusable = true;
    /** The connection ended with an error (a reset) rather than a close. */
    boolean reset;
    int requests;

    /**
     * @param tls whether the connection runs TLS
     * @param sni the server_name a TLS connection was opened with, null for none
     */
    ServerLink(SocketAddress address, boolean tls, String sni, ServerPool pool) {
        this.address = address;
        this.pool = pool;
        this.key = new ServerPool.Key(address, tls, sni);
    }

    ServerPool.Key key() {
        return key;
    }

    SocketAddress address() {
        return address;
    }

    Channel channel() {
        return channel;
    }

    void attach(HttpSession s) {
        this.session = s;
    }

    void detach() {
        this.session = null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        HttpSession s = session;
        if (s == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        s.onServerMessage(this, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        HttpSession s = session;
        if (s != null) {
            s.onServerReadComplete(this);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        HttpSession s = session;
        if (s != null) {
            s.onServerWritability(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.remove(this);
        HttpSession s = session;
        session = null;
        if (s != null) {
            s.onServerClosed(this);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && session != null) {
            session.onServerTimeout(this);
        } else {
            ReferenceCountUtil.release(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reset = true;
        ctx.close();
    }
}
