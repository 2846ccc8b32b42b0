package dev.tandem.proxy.tls;

import dev.tandem.config.haproxy.model.SslDefaults;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTPS application server for {@code server ... ssl} tests: keep-alive HTTP/1.1 behind
 * {@link TlsBind} (so it picks its certificate by SNI), recording for each request the
 * server_name its connection was opened with and that connection's client port.
 */
final class HttpsOrigin implements AutoCloseable {

    /** One request as the origin saw it. */
    record Seen(String sni, int connection, String path) {}

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final TlsBind tls;
    private final Channel server;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    HttpsOrigin(Path... certificates) throws InterruptedException {
        TlsBind.Prepared p = TlsBind.prepare(TlsBindHandshakeTest.plain(certificates), SslDefaults.NONE,
                TlsEngine.detect(), List.of("http/1.1"), Duration.ofSeconds(10), Clock.systemUTC());
        tls = p.bind().orElseThrow(() -> new IllegalStateException(p.diagnostics().toString()));
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(), new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new Answer());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The next request seen, or fails after 5 s. */
    Seen take() throws InterruptedException {
        Seen s = seen.poll(5, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the HTTPS origin saw no request within 5 s");
        }
        return s;
    }

    private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String sni = TlsFacts.of(ctx.channel()).serverName().orElse("-");
            int conn = ((InetSocketAddress) ctx.channel().remoteAddress()).getPort();
            seen.add(new Seen(sni, conn, req.uri()));
            byte[] body = ("sni=" + sni + " conn=" + conn + "\n").getBytes(StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain").setInt(HttpHeaderNames.CONTENT_LENGTH,
                    body.length);
            ctx.writeAndFlush(res);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        tls.close();
    }
}
