package dev.tandem.proxy.tcp;

import dev.tandem.proxy.check.TrafficObserver;
import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.lb.RequestKey;
import dev.tandem.proxy.lb.RetryPolicy;
import dev.tandem.proxy.listen.ServerConnector;
import dev.tandem.proxy.listen.UnixPeer;
import dev.tandem.proxy.log.LogClock;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.rules.BackendSwitch;
import dev.tandem.proxy.runtime.BackendRuntime;
import dev.tandem.proxy.runtime.FrontendRuntime;
import dev.tandem.proxy.runtime.ServerClaim;
import dev.tandem.proxy.tls.ServerTlsContext;
import dev.tandem.proxy.tls.TlsFacts;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One client connection in mode tcp: connects to a server on the same event loop and relays bytes
 * both ways (HexDumpProxy pattern, java.md §2.4). Writes are flushed once per read batch; when the
 * other side's outbound buffer passes its high-water mark the reading side stops (auto-read off)
 * until it drains, so memory stays bounded without one epoll re-arm per read. A FIN on one side is
 * passed on as a FIN (shutdownOutput) on the other once everything before it is written.
 */
public final class TcpSession extends ChannelInboundHandlerAdapter {

    private final FrontendRuntime fe;
    private final Frontend model;
    private final LogClock clock;
    private Channel client;
    private Channel server;
    private TcpStream stream;
    private boolean clientEof;
    private boolean serverEof;
    private boolean clientOutputShut;
    private boolean serverOutputShut;
    private boolean done;
    private boolean proxyHeaderExpected;
    private boolean handshakePending;
    private final java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();
    private ChannelFuture lastServerWrite;
    private ChannelFuture lastClientWrite;
    private boolean wroteToServer;
    private boolean wroteToClient;

    public TcpSession(FrontendRuntime fe, LogClock clock, boolean acceptProxy) {
        this.fe = fe;
        this.model = fe.frontend();
        this.clock = clock;
        this.proxyHeaderExpected = acceptProxy;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (model.timeouts().client() > 0) {
            ctx.pipeline().addBefore(ctx.name(), "idle", new IdleStateHandler(0, 0, model.timeouts().client(),
                    TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        fe.opened();
        stream = new TcpStream(fe, (InetSocketAddress) client.remoteAddress(),
                (InetSocketAddress) client.localAddress(), clock);
        // the stream starts once the PROXY header and the TLS handshake are done, as haproxy's
        handshakePending = TlsFacts.handshakeUnfinished(client);
        if (!handshakePending) {
            logConnect();
        }
        if (proxyHeaderExpected || handshakePending) {
            client.read();
        } else {
            route();
        }
    }

    /**
     * Without a log format a tcp frontend logs one line per connection (haproxy.md §1.5); a UNIX
     * socket client's names the listener only, "Connect to unix:1 (fe/TCP)" (frontend.c).
     */
    private void logConnect() {
        if (fe.logFormat() == null && fe.log().enabled() && UnixPeer.is(stream.source)) {
            fe.log().info("Connect to unix:" + stream.logAlias("cp") + " (" + model.name() + "/TCP)");
        } else if (fe.logFormat() == null && fe.log().enabled()) {
            fe.log().info("Connect from " + stream.logAlias("ci") + ":" + stream.logAlias("cp") + " to "
                    + stream.logAlias("fi") + ":" + stream.logAlias("fp") + " (" + model.name() + "/TCP)");
        }
    }

    private void route() {
        BackendRuntime be = null;
        for (BackendSwitch sw : model.useBackends()) {
            if (sw.condition().test(stream)) {
                be = fe.backend(sw.backend().render(stream));
                if (be != null) {
                    break;
                }
            }
        }
        if (be == null && model.defaultBackend() != null) {
            be = fe.backend(model.defaultBackend());
        }
        stream.backend = be;
        if (be == null) {
            stream.terminate('S', 'C');
            finish();
            client.close();
            return;
        }
        be.streams().incrementAndGet();
        stream.countedOnBackend = true;
        claimServer(be, null);
    }

    /** Asks the backend's balancer for a server; {@code balance source} hashes the client address. */
    private void claimServer(BackendRuntime be, BackendServer avoid) {
        RequestKey key = be.withHashInput(RequestKey.ofSource(stream.source.getAddress()), stream);
        if (avoid != null) {
            key = key.avoiding(avoid);
        }
        ServerClaim c = be.claim(key, client.eventLoop(), done -> onClaimDecided(be, done));
        stream.claim = c;
        if (!c.waiting()) {
            onClaimDecided(be, c);
        }
    }

    private void onClaimDecided(BackendRuntime be, ServerClaim c) {
        if (done || !client.isActive() || stream.claim != c) {
            c.release();
            return;
        }
        if (c.refusal() != null) {
            switch (c.refusal()) {
                case NO_SERVER -> stream.terminate('S', 'C');
                case QUEUE_FULL -> stream.terminate('S', 'Q');
                case QUEUE_TIMEOUT -> {
                    stream.terminate('s', 'Q');
                    stream.queueExitNanos = clock.nanos();
                }
            }
            stream.server = c.server();
            finish();
            client.close();
            return;
        }
        if (stream.server != null && !c.server().equals(stream.server)) {
            stream.redispatched = true;
        }
        stream.server = c.server();
        // on-marked-down shutdown-sessions / on-marked-up shutdown-backup-sessions (configuration.txt §5.2)
        c.onKill(why -> {
            if (!done) {
                stream.terminate(why, 'D');
                closeBoth();
            }
        });
        stream.queueExitNanos = clock.nanos();
        stream.connectStartNanos = stream.queueExitNanos;
        connect(be, c.server());
    }

    /**
     * A failed connection: retry on the same server after the turn-around, redispatch, or give up
     * (configuration.txt "retries", "option redispatch"; mode tcp retries connection failures only).
     */
    private void connectFailed(BackendRuntime be, BackendServer srv) {
        RetryPolicy.Decision d = be.retryPolicy().decide(RetryPolicy.Failure.of(RetryPolicy.Failure.Kind.CONN_FAILURE),
                new RetryPolicy.Attempt("", true, false), stream.retries, be.serverUp(srv),
                be.state().activeUsableCount());
        if (d.action() == RetryPolicy.Action.GIVE_UP) {
            stream.terminate(stream.connectTimedOut ? 's' : 'S', 'C');
            finish();
            client.close();
            return;
        }
        stream.retries++;
        stream.connectTimedOut = false;
        Runnable retry = () -> {
            if (done || !client.isActive()) {
                return;
            }
            if (d.action() == RetryPolicy.Action.REDISPATCH) {
                stream.claim.release();
                claimServer(be, srv);
            } else {
                connect(be, srv);
            }
        };
        if (d.delay().isZero()) {
            client.eventLoop().execute(retry);
        } else {
            client.eventLoop().schedule(retry, d.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void connect(BackendRuntime be, BackendServer srv) {
        long serverTimeout = be.backend().timeouts().server();
        long connectTimeout = be.backend().timeouts().connect();
        ServerSide side = new ServerSide();
        ServerTlsContext tls = be.tls(srv);
        String sni = be.sni(srv, stream);
        SocketAddress to = be.address(srv);
        ChannelFuture connected = ServerConnector.open(client, to, connectTimeout, true, p -> {
            if (tls != null) {
                p.addLast("tls", tls.newHandler(p.channel().alloc(), sni, ServerConnector.port(to)));
            }
            if (serverTimeout > 0) {
                p.addLast("idle", new IdleStateHandler(0, 0, serverTimeout, TimeUnit.MILLISECONDS));
            }
            p.addLast("relay", side);
        });
        (tls == null ? connected : ServerTlsContext.handshaken(connected)).addListener((ChannelFutureListener) f -> {
            if (done || !client.isActive()) {
                f.channel().close();
                return;
            }
            if (f.isSuccess()) {
                be.observe(srv, TrafficObserver.Event.L4_OK);
                server = f.channel();
                stream.connectedNanos = clock.nanos();
                // bytes (and a FIN) that arrived while connecting go first, in order
                while (!pending.isEmpty()) {
                    lastServerWrite = server.write(pending.poll());
                }
                server.flush();
                if (clientEof) {
                    shutdownServerOutput();
                } else {
                    client.config().setAutoRead(true);
                }
                server.config().setAutoRead(true);
            } else {
                be.observe(srv, TrafficObserver.Event.L4_ERROR);
                stream.connectTimedOut = f.cause() instanceof ConnectTimeoutException;
                connectFailed(be, srv);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HAProxyMessage p) {
            try {
                if (p.sourceAddress() != null) {
                    stream.source = new InetSocketAddress(java.net.InetAddress.ofLiteral(p.sourceAddress()),
                            p.sourcePort());
                    stream.destination = new InetSocketAddress(java.net.InetAddress.ofLiteral(p.destinationAddress()),
                            p.destinationPort());
                }
            } finally {
                p.release();
            }
            proxyHeaderExpected = false;
            if (!handshakePending) {
                route();
            }
            return;
        }
        if (msg instanceof ByteBuf b) {
            stream.bytesIn += b.readableBytes();
        }
        if (server == null && !done) {
            pending.add(msg);
            return;
        }
        if (server == null || !server.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        lastServerWrite = server.write(msg);
        wroteToServer = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (wroteToServer && server != null) {
            wroteToServer = false;
            server.flush();
            if (!server.isWritable()) {
                client.config().setAutoRead(false);
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (client.isWritable() && server != null && server.isActive()) {
            server.config().setAutoRead(true);
        }
    }

    /** The client's FIN goes on to the server once everything before it is written. */
    private void shutdownServerOutput() {
        if (!(server instanceof DuplexChannel d) || !server.isActive()) {
            return;
        }
        afterLastWrite(lastServerWrite, () -> d.shutdownOutput().addListener(x -> {
            serverOutputShut = true;
            closeWhenBothShut();
        }));
    }

    private static void afterLastWrite(ChannelFuture last, Runnable then) {
        if (last == null || last.isDone()) {
            then.run();
        } else {
            last.addListener((ChannelFutureListener) x -> then.run());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            clientEof = true;
            if (server != null) {
                shutdownServerOutput();
            }
            if (done) {
                closeBoth();
            }
        } else if (evt instanceof IdleStateEvent) {
            stream.terminate('c', 'D');
            closeBoth();
        } else {
            if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess() && handshakePending) {
                handshakePending = false;
                stream.tls = TlsFacts.of(client);
                logConnect();
                if (!proxyHeaderExpected) {
                    route();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!clientEof || !serverEof) {
            // CQ: the client left while queued, CC: while its server connection was being set up
            boolean queued = stream.claim != null && stream.claim.waiting();
            if (queued) {
                stream.queueExitNanos = clock.nanos();
            }
            stream.terminate('C', queued ? 'Q' : server == null && stream.claim != null ? 'C' : 'D');
        }
        if (server != null && server.isActive()) {
            server.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        finish();
        fe.closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeBoth();
    }

    /**
     * Each FIN was passed on once everything before it was written: now both connections may close
     * without losing a byte (a close or shutdownOutput earlier would drop what is still queued for
     * a slow reader).
     */
    private void closeWhenBothShut() {
        if (clientEof && serverEof && clientOutputShut && serverOutputShut) {
            closeBoth();
        }
    }

    private void closeBoth() {
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        // the server slot and %bc go back before the log line, as in haproxy's stream end
        if (stream.claim != null) {
            stream.claim.release();
        }
        if (stream.countedOnBackend) {
            stream.countedOnBackend = false;
            stream.backend.streams().decrementAndGet();
        }
        stream.endNanos = clock.nanos();
        boolean nothing = stream.bytesIn == 0 && stream.bytesOut == 0;
        // a handshake that never finished made no stream: HandshakeErrorLog says why instead
        if (!handshakePending && fe.logFormat() != null && fe.log().enabled() && !(nothing && model.logging().dontLogNull())) {
            fe.log().info(fe.logFormat().renderLog(stream));
        }
    }

    /** The server half of the relay. */
    private final class ServerSide extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!client.isActive()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof ByteBuf b) {
                stream.bytesOut += b.readableBytes();
            }
            lastClientWrite = client.write(msg);
            wroteToClient = true;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (wroteToClient) {
                wroteToClient = false;
                client.flush();
                if (!client.isWritable()) {
                    ctx.channel().config().setAutoRead(false);
                }
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && client.isActive() && !clientEof) {
                client.config().setAutoRead(true);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                serverEof = true;
                if (client instanceof DuplexChannel d && client.isActive()) {
                    // shutdownOutput fails whatever is still queued: it waits for the last write
                    afterLastWrite(lastClientWrite, () -> d.shutdownOutput().addListener(x -> {
                        clientOutputShut = true;
                        closeWhenBothShut();
                    }));
                }
            } else if (evt instanceof IdleStateEvent) {
                stream.terminate('s', 'D');
                closeBoth();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!serverEof) {
                stream.terminate('S', 'D');
            }
            if (client.isActive()) {
                client.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeBoth();
        }
    }
}
