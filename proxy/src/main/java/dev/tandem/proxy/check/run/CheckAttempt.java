package dev.tandem.proxy.check.run;

import dev.tandem.config.haproxy.model.Server;
import dev.tandem.proxy.check.CheckResult;
import dev.tandem.proxy.check.CheckStatus;
import dev.tandem.proxy.check.TcpCheckRun.Step;
import dev.tandem.proxy.listen.LeanSocketChannel;
import dev.tandem.proxy.listen.ServerConnector;
import dev.tandem.proxy.model.UnixSocketAddress;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of one server's check on its event loop: performs the steps of a {@link Dialogue}
 * (connect, send, receive) over a real connection, bounds it by the {@link CheckTimeouts}, and
 * hands exactly one {@link CheckResult} to the callback. Every method runs on {@code loop}.
 */
final class CheckAttempt {

    /** PROXY protocol v2 signature (proxy-protocol.txt §2.2). */
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private final EventLoop loop;
    private final Class<? extends SocketChannel> channelClass;
    private final CheckTarget target;
    private final Dialogue dialogue;
    private final CheckTimeouts timeouts;
    private final Clock clock;
    private final Consumer<CheckResult> done;
    private final Optional<SslContext> tls;
    private final long startedMillis;
    private final ByteArrayOutputStream unread = new ByteArrayOutputStream();
    private Channel channel;
    private ScheduledFuture<?> deadline;
    private boolean receiving;
    private boolean peerClosed;
    private boolean finished;
    private boolean handshaking;
    private boolean overTls;

    /** @param tls the client context for {@code check-ssl} / {@code ssl} servers and {@code tcp-check connect ssl} */
    CheckAttempt(EventLoop loop, Class<? extends SocketChannel> channelClass, CheckTarget target, Dialogue dialogue,
            CheckTimeouts timeouts, Clock clock, Optional<SslContext> tls, Consumer<CheckResult> done) {
        this.loop = loop;
        this.channelClass = channelClass;
        this.target = target;
        this.dialogue = dialogue;
        this.timeouts = timeouts;
        this.clock = clock;
        this.done = done;
        this.tls = tls;
        this.startedMillis = clock.millis();
    }

    void start() {
        deadline = loop.schedule(this::timedOut, timeouts.connect().toMillis(), TimeUnit.MILLISECONDS);
        perform(dialogue.start());
    }

    /** Stops without a result (the checker is closing). */
    void abandon() {
        finished = true;
        cancelDeadline();
        closeChannel();
    }

    private long elapsed() {
        return Math.max(0, clock.millis() - startedMillis);
    }

    private void perform(Step step) {
        if (finished) {
            return;
        }
        switch (step) {
            case Step.Connect c -> connect(c);
            case Step.Send s -> send(s.data());
            case Step.Receive r -> receive();
            case Step.Done d -> finish(d.result());
        }
    }

    private void connect(Step.Connect step) {
        closeChannel();
        receiving = false;
        peerClosed = false;
        unread.reset();
        CheckTarget to = step.port().isPresent() ? target.withPort(step.port().getAsInt()) : target;
        Server.SendProxy header = step.sendProxy() && to.proxyHeader() == Server.SendProxy.NONE ? Server.SendProxy.V1
                : to.proxyHeader();
        boolean useTls = to.ssl() || step.ssl();
        if (useTls && tls.isEmpty()) {
            finish(CheckResult.of(CheckStatus.SOCKERR, "no TLS context for this check", elapsed()));
            return;
        }
        Bootstrap b = new Bootstrap().group(loop).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0);
        if (to.address() instanceof UnixSocketAddress) {
            b.channelFactory(LeanSocketChannel::unix);
        } else {
            b.channel(channelClass).option(ChannelOption.TCP_NODELAY, true);
        }
        b.handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("check", new Reader());
            }
        });
        ChannelFuture f = b.connect(to.address());
        channel = f.channel();
        f.addListener(result -> {
            if (finished || f.channel() != channel) {
                return;
            }
            if (!result.isSuccess()) {
                perform(dialogue.connectFailed(ConnectFailure.info(result.cause(), to.address()), elapsed()));
                return;
            }
            if (timeouts.afterConnect().isPresent()) {
                cancelDeadline();
                Duration rest = timeouts.afterConnect().get();
                deadline = loop.schedule(this::timedOut, rest.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (header != Server.SendProxy.NONE) {
                // the PROXY header goes in clear, before any TLS (proxy-protocol.txt §2)
                channel.writeAndFlush(Unpooled.wrappedBuffer(proxyHeader(header)));
            }
            if (useTls) {
                startTls(to);
            } else {
                perform(dialogue.connected(elapsed()));
            }
        });
    }

    private void startTls(CheckTarget to) {
        Channel ch = channel;
        SslHandler ssl = tls.orElseThrow().newHandler(ch.alloc(), ServerConnector.hostText(to.address()),
                ServerConnector.port(to.address()));
        handshaking = true;
        overTls = true;
        ch.pipeline().addFirst("tls", ssl);
        ssl.handshakeFuture().addListener(hs -> {
            if (finished || ch != channel) {
                return;
            }
            handshaking = false;
            if (hs.isSuccess()) {
                perform(dialogue.connected(elapsed()));
            } else {
                finish(CheckResult.of(CheckStatus.L6RSP, "SSL handshake failure", elapsed()));
            }
        });
    }

    /** A check has no client to speak for: v1 says UNKNOWN, v2 says LOCAL (proxy-protocol.txt §2.1, §2.2). */
    static byte[] proxyHeader(Server.SendProxy version) {
        if (version == Server.SendProxy.V1) {
            return "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII);
        }
        byte[] out = new byte[16];
        System.arraycopy(V2_SIGNATURE, 0, out, 0, V2_SIGNATURE.length);
        out[12] = 0x20; // version 2, command LOCAL
        out[13] = 0x00; // AF_UNSPEC, UNSPEC; length 0
        return out;
    }

    private void send(byte[] data) {
        Channel ch = channel;
        ch.writeAndFlush(Unpooled.wrappedBuffer(data)).addListener(f -> {
            if (finished || ch != channel) {
                return;
            }
            perform(f.isSuccess() ? dialogue.sent(elapsed()) : dialogue.closed(elapsed()));
        });
    }

    private void receive() {
        receiving = true;
        if (unread.size() > 0) {
            byte[] bytes = unread.toByteArray();
            unread.reset();
            deliver(bytes);
        } else if (peerClosed) {
            deliverClose();
        }
    }

    private void deliver(byte[] bytes) {
        receiving = false;
        perform(dialogue.received(bytes, elapsed()));
    }

    private void deliverClose() {
        receiving = false;
        perform(dialogue.closed(elapsed()));
    }

    private void timedOut() {
        if (finished) {
            return;
        }
        if (handshaking) {
            finish(CheckResult.of(CheckStatus.L6TOUT, "", elapsed()));
        } else {
            perform(dialogue.timedOut(elapsed()));
        }
    }

    private void finish(CheckResult result) {
        if (finished) {
            return;
        }
        finished = true;
        cancelDeadline();
        closeChannel();
        if (overTls && result.status() == CheckStatus.L4OK) {
            // a connect check that went through the TLS handshake passed at layer 6
            result = new CheckResult(CheckStatus.L6OK, result.code(), result.info(), result.durationMillis());
        }
        done.accept(result);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void closeChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Bytes that arrive before the script waits for them are kept for its next expect. */
    private final class Reader extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (ctx.channel() != channel || finished) {
                    return;
                }
                ByteBuf buf = (ByteBuf) msg;
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                if (receiving) {
                    deliver(bytes);
                } else if (unread.size() < HttpDialogue.BUFFER_SIZE) {
                    unread.write(bytes, 0, Math.min(bytes.length, HttpDialogue.BUFFER_SIZE - unread.size()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() != channel || finished) {
                return;
            }
            if (receiving) {
                deliverClose();
            } else {
                peerClosed = true;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a reset or read error: the close that follows tells the dialogue
            ctx.close();
        }
    }
}
