package dev.tandem.proxy.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A demo application server on loopback: every request gets a plain-text page with the server's
 * name, the request line and the request headers exactly as they arrived, so a demo shows what
 * the proxy added (X-Forwarded-For, X-Real-IP ...).
 */
public final class DemoBackend implements AutoCloseable {

    private final String name;
    private final EventLoopGroup group;
    private final Channel channel;

    private DemoBackend(String name, EventLoopGroup group, Channel channel) {
        this.name = name;
        this.group = group;
        this.channel = channel;
    }

    /** Starts on {@code address} (use port 0 for an ephemeral port); one event loop. */
    public static DemoBackend start(String name, InetSocketAddress address) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                    new HttpObjectAggregator(1 << 20), new Page(name));
                        }
                    }).bind(address).sync().channel();
            return new DemoBackend(name, group, ch);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Renders the page for one request. */
    static String page(String name, String requestLine, Iterable<Map.Entry<String, String>> headers) {
        StringBuilder b = new StringBuilder("Hello from ").append(name).append('\n');
        b.append('\n').append(requestLine).append('\n');
        for (Map.Entry<String, String> h : headers) {
            b.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
        }
        return b.toString();
    }

    private static final class Page extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String name;

        Page(String name) {
            this.name = name;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String text = page(name, req.method() + " " + req.uri() + " " + req.protocolVersion(), req.headers());
            ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            FullHttpResponse resp = new DefaultFullHttpResponse(req.protocolVersion(), HttpResponseStatus.OK, body);
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            resp.headers().set("X-Backend", name);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(resp, keepAlive);
            var f = ctx.writeAndFlush(resp);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
