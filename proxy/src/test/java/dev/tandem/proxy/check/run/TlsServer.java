package dev.tandem.proxy.check.run;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TLS server on 127.0.0.1 with the project's self-signed test certificate: completes the
 * handshake and answers any bytes with {@code HTTP/1.1 200 OK} and "ok", then closes.
 */
final class TlsServer implements AutoCloseable {

    private final Channel listener;
    private final AtomicInteger handshakes = new AtomicInteger();

    TlsServer(EventLoopGroup group) throws Exception {
        SslContext ctx;
        try (InputStream cert = pem(); InputStream key = pem()) {
            ctx = SslContextBuilder.forServer(cert, key).build();
        }
        listener = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<EpollSocketChannel>() {
                    @Override
                    protected void initChannel(EpollSocketChannel ch) {
                        var ssl = ctx.newHandler(ch.alloc());
                        ssl.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                handshakes.incrementAndGet();
                            }
                        });
                        ch.pipeline().addLast(ssl, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext c, Object msg) {
                                ReferenceCountUtil.release(msg);
                                ByteBuf ok = Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok",
                                        StandardCharsets.ISO_8859_1);
                                c.writeAndFlush(ok).addListener(ChannelFutureListener.CLOSE);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                                c.close();
                            }
                        });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    private static InputStream pem() {
        return TlsServer.class.getResourceAsStream("site.pem");
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    int handshakes() {
        return handshakes.get();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
    }
}
