package dev.tandem.proxy.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lean epoll channels on real loopback sockets: the connect that completes inside connect(),
 * the one whose handshake is still in flight, the refused one, close without EPOLL_CTL_DEL under descriptor reuse,
 * half-closure, and the options an accepted connection gets.
 */
@Timeout(60)
class LeanSocketChannelTest {

    private MultiThreadIoEventLoopGroup group;
    private Channel listener;
    private final BlockingQueue<Channel> accepted = new ArrayBlockingQueue<>(1024);
    private final BlockingQueue<Object> serverEvents = new ArrayBlockingQueue<>(1024);

    @BeforeEach
    void listen() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        listener = new ServerBootstrap().group(group)
                .channelFactory(() -> new LeanServerSocketChannel(SocketProtocolFamily.INET, true))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.add(ch);
                        ch.pipeline().addLast(new Echo());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    @AfterEach
    void stop() throws Exception {
        listener.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** Echoes what it reads; reads from activation on, as the proxy's sessions do. */
    private final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.read();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.read();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            serverEvents.add(evt);
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("bye", StandardCharsets.US_ASCII))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    /** Collects what a client connection reads. */
    private static final class Collect extends ChannelInboundHandlerAdapter {
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<String> eof = new CompletableFuture<>();
        final int expected;
        final CompletableFuture<String> got = new CompletableFuture<>();

        Collect(int expected) {
            this.expected = expected;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            text.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
            if (text.length() >= expected) {
                got.complete(text.toString());
            }
            ctx.read();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                eof.complete(text.toString());
            }
        }
    }

    private LeanSocketChannel client(Collect sink) throws Exception {
        LeanSocketChannel ch = new LeanSocketChannel(SocketProtocolFamily.INET);
        ch.config().setAutoRead(false);
        ch.config().setAllowHalfClosure(true);
        ch.pipeline().addLast(sink);
        group.next().register(ch).sync();
        return ch;
    }

    private InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Test
    void aLoopbackConnectCompletesInsideTheConnectCallAndCarriesData() throws Exception {
        Collect sink = new Collect(4);
        LeanSocketChannel ch = client(sink);
        EventLoop loop = ch.eventLoop();
        boolean doneAtOnce = loop.submit(() -> ch.connect(address()).isSuccess()).get(5, TimeUnit.SECONDS);
        assertThat(doneAtOnce).as("the handshake was complete when connect() returned").isTrue();
        assertThat(ch.isActive()).isTrue();
        ch.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
        ch.read();
        assertThat(sink.got.get(5, TimeUnit.SECONDS)).isEqualTo("ping");
        Channel child = accepted.poll(5, TimeUnit.SECONDS);
        assertThat(ch.remoteAddress()).isEqualTo(address());
        assertThat(ch.localAddress().getPort()).as("looked up when asked").isNotZero();
        assertThat(child.remoteAddress()).isEqualTo(ch.localAddress());
        ch.close().sync();
    }

    @Test
    void aRefusedConnectFailsItsFutureWithConnectException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        LeanSocketChannel ch = client(new Collect(1));
        ChannelFuture f = ch.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort));
        assertThat(f.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(f.cause()).isInstanceOf(ConnectException.class).hasMessageContaining("refused");
        assertThat(ch.isActive()).isFalse();
        // as with Netty's channel, closing after a failed connect is the caller's (ServerConnector's) job
        ch.close().sync();
    }

    /**
     * A handshake still in flight when connect() returns (here: the listener's accept queue is
     * full, so the SYN is dropped and sent again a second later) goes through Netty's EPOLLOUT path
     * and completes there.
     */
    @Test
    void aHandshakeStillInFlightCompletesThroughEpollOut() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress at = (InetSocketAddress) full.getLocalSocketAddress();
            java.util.List<java.net.Socket> queued = new java.util.ArrayList<>();
            try {
                // fill the accept queue: the first connect that does not finish within 300 ms found it full
                while (queued.size() < 16) {
                    java.net.Socket s = new java.net.Socket();
                    queued.add(s);
                    try {
                        s.connect(at, 300);
                    } catch (java.net.SocketTimeoutException e) {
                        break;
                    }
                }
                assertThat(queued.size()).as("the accept queue filled up").isLessThan(16);
                LeanSocketChannel ch = client(new Collect(1));
                ChannelFuture f = ch.eventLoop().submit(() -> ch.connect(at)).get(5, TimeUnit.SECONDS);
                assertThat(f.isDone()).as("still connecting when connect() returned").isFalse();
                for (int i = 0; i < queued.size() - 1; i++) {
                    full.accept().close();
                }
                full.setSoTimeout(10_000);
                try (java.net.Socket peer = full.accept()) {
                    assertThat(f.await(10, TimeUnit.SECONDS)).isTrue();
                    assertThat(f.isSuccess()).as("%s", f.cause()).isTrue();
                    assertThat(peer.getRemoteSocketAddress()).isEqualTo(ch.localAddress());
                }
                ch.close().sync();
            } finally {
                for (java.net.Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void descriptorsClosedWithoutEpollDelAreReusedByLaterConnections() throws Exception {
        Set<Integer> fds = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Collect sink = new Collect(6);
            LeanSocketChannel ch = client(sink);
            ch.connect(address()).sync();
            fds.add(ch.fd().intValue());
            ch.writeAndFlush(Unpooled.copiedBuffer("n" + (10000 + i), StandardCharsets.US_ASCII));
            ch.read();
            assertThat(sink.got.get(5, TimeUnit.SECONDS)).isEqualTo("n" + (10000 + i));
            ch.close().sync();
            assertThat(accepted.poll(5, TimeUnit.SECONDS).closeFuture().await(5, TimeUnit.SECONDS))
                    .as("the accepted side closed after the client's FIN").isTrue();
        }
        // 200 connections over a handful of descriptor numbers: each new registration took the
        // place of a closed one, and every echo still came back on the right connection
        assertThat(fds).hasSizeLessThan(10);
    }

    @Test
    void halfClosureReachesThePeerAndTheAnswerStillComesBack() throws Exception {
        Collect sink = new Collect(7);
        LeanSocketChannel ch = client(sink);
        ch.connect(address()).sync();
        ch.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
        ch.read();
        ch.shutdownOutput().sync();
        assertThat(sink.eof.get(5, TimeUnit.SECONDS)).isEqualTo("pingbye");
        assertThat(serverEvents.poll(5, TimeUnit.SECONDS)).isInstanceOf(ChannelInputShutdownEvent.class);
        ch.close().sync();
    }

    @Test
    void anAcceptedConnectionIsLeanWithoutAutoReadWithHalfClosureAndNoDelay() throws Exception {
        LeanSocketChannel ch = client(new Collect(1));
        ch.connect(address()).sync();
        Channel child = accepted.poll(5, TimeUnit.SECONDS);
        assertThat(child).isInstanceOf(LeanSocketChannel.class);
        LeanSocketChannelConfig c = ((LeanSocketChannel) child).config();
        assertThat(c.isAutoRead()).isFalse();
        assertThat(c.isAllowHalfClosure()).isTrue();
        assertThat(c.isTcpNoDelay()).isTrue();
        assertThat(child.remoteAddress()).isEqualTo(ch.localAddress());
        assertThat(child.localAddress()).isEqualTo(address());
        ch.close().sync();
    }

    @Test
    void aNegativeBacklogIsRefused() {
        LeanServerSocketChannelConfig c = (LeanServerSocketChannelConfig) listener.config();
        assertThatThrownBy(() -> c.setBacklog(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backlog -1");
        assertThat(c.getBacklog()).isEqualTo(1024);
    }

    @Test
    void aLingeringCloseIsRefusedAndAResetIsAllowed() throws Exception {
        LeanSocketChannel ch = client(new Collect(1));
        assertThatThrownBy(() -> ch.config().setSoLinger(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block the event loop");
        ch.config().setSoLinger(0);
        assertThat(ch.config().getSoLinger()).isZero();
        ch.close().sync();
    }
}
