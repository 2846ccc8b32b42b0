package dev.tandem.proxy.http;

import dev.tandem.proxy.check.TrafficObserver;
import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.listen.ServerConnector;
import dev.tandem.proxy.listen.UnixPeer;
import dev.tandem.proxy.lb.RequestKey;
import dev.tandem.proxy.lb.RetryPolicy;
import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.model.ConnectionMode;
import dev.tandem.proxy.model.ForwardFor;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.rules.Acl;
import dev.tandem.proxy.rules.BackendSwitch;
import dev.tandem.proxy.rules.HttpRule;
import dev.tandem.proxy.rules.Outcome;
import dev.tandem.proxy.runtime.BackendRuntime;
import dev.tandem.proxy.runtime.ServerClaim;
import dev.tandem.proxy.tls.ServerTlsContext;
import dev.tandem.proxy.tls.TlsFacts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One client connection in mode http (haproxy's "session"): decodes requests, runs the rules,
 * picks a backend and server, forwards on a server connection of the same event loop, streams
 * both bodies with read-after-write backpressure, answers errors itself and logs each stream.
 * Everything here runs on the client channel's event loop.
 *
 * <p>The same class runs one HTTP/2 stream (a child channel of {@code dev.tandem.proxy.h2}) when
 * built with a {@link ClientConnection}: the messages then arrive already decoded, the connection
 * owns counting, logging "Connect from" and idle timeouts, the request leaves for the HTTP/1.1
 * server in origin form, and one stream carries one request (no keep-alive, no Connection semantics).
 */
public final class HttpSession extends ChannelInboundHandlerAdapter {

    /** Never shared; said here so Netty need not look it up per connection (a thread-local WeakHashMap). */
    @Override
    public boolean isSharable() {
        return false;
    }

    /** tune.http.maxhdr 101 includes the start line (haproxy.md §6.1). */
    static final int MAX_HEADERS = 100;

    /** tune.bufsize: a request kept for an L7 retry must fit in one buffer (configuration.txt "retry-on"). */
    static final int REPLAY_LIMIT = 16384;

    /** How server responses are parsed; read (never changed) by every server connection's codec. */
    private static final HttpDecoderConfig SERVER_DECODING = new HttpDecoderConfig().setMaxInitialLineLength(16384)
            .setMaxHeaderSize(16384).setMaxChunkSize(16384).setAllowDuplicateContentLengths(true);

    private final HttpFrontend fe;
    private final Frontend model;
    /** The multiplexed connection this session is one stream of; null on an HTTP/1.1 connection. */
    private final ClientConnection parent;
    private ChannelHandlerContext ctx;
    private Channel client;
    private RequestDecoder decoder;
    private ResponseEncoder encoder;
    private ByteCounter clientBytes;
    private InetSocketAddress source;
    private InetSocketAddress destination;
    private long acceptMillis;
    private long lastEndNanos;
    private long handshakeMillis;
    private boolean firstRequest = true;
    private boolean waiting;
    private boolean sawBytes;
    private long waitMillis;
    private long waitNanos;
    private ScheduledFuture<?> requestTimer;
    private HttpStream stream;
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private final ArrayDeque<HttpObject> pending = new ArrayDeque<>();
    private ServerLink link;
    private TlsFacts tlsFacts;
    private boolean headSent;
    private boolean requestDone;
    private boolean responseStarted;
    private boolean responseDone;
    private boolean informational;
    private boolean answeredLocally;
    private boolean expectBody;
    private boolean closeClient;
    private boolean closeServer;
    private boolean closing;
    private boolean tunnel;
    private boolean wroteToServer;
    private boolean wroteToClient;
    private ChannelFuture lastServerWrite;
    private ChannelFuture lastClientWrite;
    private long bytesOutAtResponse;
    private long serverBytesAtRequest;

    private boolean firstConnectLogged;
    /** When the connection was accepted, if before this session started (-1: at channelActive). */
    private long acceptedMillis = -1;
    private long acceptedNanos = -1;

    HttpSession(HttpFrontend fe, ClientConnection parent) {
        this.fe = fe;
        this.model = fe.runtime.frontend();
        this.parent = parent;
    }

    /** The connection was accepted before this session was added (after a TLS handshake): %t and %Th count from then. */
    public HttpSession acceptedAt(long millis, long nanos) {
        acceptedMillis = millis;
        acceptedNanos = nanos;
        return this;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.client = ctx.channel();
        clientBytes = new ByteCounter(this::onClientBytes);
        clientBytes.idleTimeout(model.timeouts().client());
        String me = ctx.name();
        ctx.pipeline().addBefore(me, "bytes", clientBytes);
        if (parent == null) {
            decoder = new RequestDecoder();
            encoder = new ResponseEncoder();
            ctx.pipeline().addBefore(me, "decoder", decoder);
            ctx.pipeline().addBefore(me, "encoder", encoder);
        }
    }

    /**
     * The connection opened with the HTTP/2 preface (the implicit upgrade of configuration.txt
     * "option disable-h2-upgrade"): leave the pipeline to the HTTP/2 handlers. Nothing was decoded
     * yet; the connection stays counted, and whoever takes over counts it closed.
     */
    public void handOver() {
        cancelRequestTimer();
        closing = true;
        ChannelPipeline p = ctx.pipeline();
        for (String name : new String[] {"bytes", "decoder", "encoder"}) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
        p.remove(this);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        boolean handshaking = parent == null && TlsFacts.handshakeUnfinished(client);
        if (parent != null) {
            source = parent.source();
            destination = parent.destination();
            acceptMillis = parent.acceptMillis();
            lastEndNanos = fe.clock.nanos();
        } else {
            if (source == null) {
                source = (InetSocketAddress) client.remoteAddress();
                destination = (InetSocketAddress) client.localAddress();
            }
            // the protocol switch starts a TLS connection's session after the handshake: time counts from the accept
            acceptMillis = acceptedMillis >= 0 ? acceptedMillis : fe.clock.millis();
            lastEndNanos = acceptedNanos >= 0 ? acceptedNanos : fe.clock.nanos();
            fe.runtime.opened();
            if (!handshaking) {
                logConnect();
            }
        }
        startWaiting();
        if (handshaking) {
            // no stream before the TLS handshake ends (timeout client bounds it); the request wait starts after
            cancelRequestTimer();
        }
        ctx.read();
    }

    /** "Connect from" once per connection (haproxy 2.6.12: only after a TLS handshake completed). */
    private void logConnect() {
        if (!firstConnectLogged) {
            firstConnectLogged = true;
            fe.logConnect(source, destination);
        }
    }

    private static String ip(InetSocketAddress a) {
        return dev.tandem.proxy.rules.Fetches.ip(a);
    }

    private void startWaiting() {
        stream = null;
        waiting = true;
        sawBytes = false;
        headSent = false;
        requestDone = false;
        responseStarted = false;
        responseDone = false;
        informational = false;
        answeredLocally = false;
        wroteToServer = false;
        long timeout = firstRequest ? model.timeouts().httpRequest() : model.timeouts().keepAliveWait();
        armRequestTimer(timeout);
    }

    private void armRequestTimer(long millis) {
        cancelRequestTimer();
        if (millis > 0) {
            requestTimer = client.eventLoop().schedule(this::onRequestTimeout, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelRequestTimer() {
        if (requestTimer != null) {
            requestTimer.cancel(false);
            requestTimer = null;
        }
    }

    private void onClientBytes() {
        if (waiting && !sawBytes) {
            sawBytes = true;
            waitMillis = fe.clock.millis();
            waitNanos = fe.clock.nanos();
            if (!firstRequest) {
                // the keep-alive wait ends at the first byte; the header phase has its own bound
                armRequestTimer(model.timeouts().httpRequest());
            }
        }
    }

    /** configuration.txt "timeout http-request": 408 and close; an idle keep-alive connection just closes. */
    private void onRequestTimeout() {
        requestTimer = null;
        if (!waiting || closing) {
            return;
        }
        if (!sawBytes && !firstRequest) {
            closeAll();
            return;
        }
        HttpStream s = newStream();
        s.terminate('c', 'R');
        stream = s;
        waiting = false;
        sendPage(fe.page(408), true);
    }

    private HttpStream newStream() {
        long startMillis = sawBytes ? waitMillis : fe.clock.millis();
        long startNanos = sawBytes ? waitNanos : fe.clock.nanos();
        long idle = Math.max(0, (startNanos - lastEndNanos) / 1_000_000);
        return new HttpStream(fe.runtime, source, destination, acceptMillis, startMillis, startNanos, idle, fe.clock,
                fe.requestCounter.incrementAndGet(), tlsFacts());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HAProxyMessage proxy) {
            onProxyHeader(proxy);
            return;
        }
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (tunnel) {
            forwardTunnel(msg, link == null ? null : link.channel(), true);
            return;
        }
        if (msg instanceof HttpRequest req && stream == null && inbox.isEmpty()) {
            onRequest(req);
            if (msg instanceof HttpContent c) {
                onRequestContent(c);
            }
        } else if (stream == null && inbox.isEmpty() && msg instanceof HttpContent) {
            ReferenceCountUtil.release(msg);
        } else if (stream != null && requestDone || !inbox.isEmpty()) {
            inbox.add(msg);
        } else if (msg instanceof HttpContent c) {
            onRequestContent(c);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** accept-proxy: the PROXY header's addresses replace the connection's (haproxy.md §1.2). */
    private void onProxyHeader(HAProxyMessage proxy) {
        try {
            if (proxy.sourceAddress() != null && proxy.destinationAddress() != null) {
                source = new InetSocketAddress(java.net.InetAddress.ofLiteral(proxy.sourceAddress()),
                        proxy.sourcePort());
                destination = new InetSocketAddress(java.net.InetAddress.ofLiteral(proxy.destinationAddress()),
                        proxy.destinationPort());
            }
        } finally {
            proxy.release();
        }
    }

    private void onRequest(HttpRequest req) {
        cancelRequestTimer();
        waiting = false;
        boolean first = parent == null ? firstRequest : parent.claimFirstStream();
        firstRequest = false;
        HttpStream s = newStream();
        stream = s;
        s.handshakeMillis = first ? handshakeMillis : 0;
        s.headersNanos = fe.clock.nanos();
        s.request = req;
        s.bytesIn = clientBytes.in;
        if (req.decoderResult().isFailure() || req.headers().size() > MAX_HEADERS || conflictingHosts(req)
                || parent == null && isHttp2Preface(req)) {
            s.request = null;
            s.headersNanos = -1;
            s.terminate('P', 'R');
            closing = false;
            sendPage(fe.page(400), true);
            return;
        }
        s.requestLine = req.method().name() + " " + req.uri() + " " + req.protocolVersion().text();
        expectBody = HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0;
        if (parent == null) {
            encoder.headRequest(s.isHead());
            if (decoder.takeForceClose()) {
                closeClient = true;
            }
        }
        HttpHeaders h = req.headers();
        boolean http10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
        if (http10 ? !h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE, true)
                : h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
            closeClient = true;
        }
        if ("h2c".equalsIgnoreCase(String.valueOf(h.get(HttpHeaderNames.UPGRADE)).strip())) {
            // no h2c upgrade on this path: drop the offer so the request stays HTTP/1.1 (RFC 9113 §3.1 removed h2c)
            h.remove(HttpHeaderNames.UPGRADE);
            h.remove("HTTP2-Settings");
        }
        boolean upgrade = h.contains(HttpHeaderNames.UPGRADE)
                && h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
        var editor = HttpStream.editor(req, s.vars);
        Outcome o = HttpRule.run(model.requestRules(), s, editor);
        if (!(o instanceof Outcome.Continue)) {
            answer(o);
            return;
        }
        BackendRuntime be = chooseBackend(s);
        if (be == null) {
            s.terminate('P', 'R');
            sendPage(fe.page(503), false);
            return;
        }
        s.backend = be;
        be.streams().incrementAndGet();
        s.countedOnBackend = true;
        Backend bm = be.backend();
        o = bm.isHalfOf(model) ? o : HttpRule.run(bm.requestRules(), s, editor);
        if (!(o instanceof Outcome.Continue)) {
            answer(o);
            return;
        }
        ConnectionMode mode = effectiveMode(model.connectionMode(), bm.connectionMode());
        if (mode == ConnectionMode.CLOSE && parent == null) {
            closeClient = true;
        }
        closeServer = mode != ConnectionMode.KEEP_ALIVE || closeClient && mode == ConnectionMode.CLOSE;
        addForwardFor(s, req, bm);
        h.remove(HttpHeaderNames.CONNECTION);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove("Proxy-Connection");
        if (upgrade) {
            h.add(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        } else if (closeServer) {
            h.add(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (http10) {
            req.setProtocolVersion(HttpVersion.HTTP_1_1);
        }
        s.firstOnConnection = first;
        s.key = be.withHashInput(RequestKey.ofSource(s.source.getAddress()).withUri(req.uri())
                .withHeaders(name -> Optional.ofNullable(req.headers().get(name))), s);
        if (be.retryPolicy().httpMode() && !replayNeedless(be.retryPolicy())) {
            s.replay = new ArrayList<>();
        }
        claimServer(s, null);
    }

    /** Only connection failures are retried: nothing of the request needs keeping (retry-on conn-failure). */
    private static boolean replayNeedless(RetryPolicy p) {
        if (!p.retryStatuses().isEmpty()) {
            return false;
        }
        for (RetryPolicy.RetryOn o : p.retryOn()) {
            if (o != RetryPolicy.RetryOn.CONN_FAILURE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Asks the backend's balancer for a server (configuration.txt §4.2 "balance"), avoiding the
     * one that just failed on a redispatch; the request may wait in the backend's queues
     * ("maxconn", "timeout queue").
     */
    private void claimServer(HttpStream s, BackendServer avoid) {
        RequestKey key = avoid == null ? s.key : s.key.avoiding(avoid);
        ServerClaim c = s.backend.claim(key, client.eventLoop(), done -> onClaimDecided(s, done, false));
        s.claim = c;
        if (!c.waiting()) {
            onClaimDecided(s, c, avoid == null);
        }
    }

    /**
     * @param inHeadersTurn the server was assigned while the request's headers were being processed:
     *     haproxy's clock only moves between polling loops, so such a stream logs %Tw 0 and its rule
     *     processing lands in %Tc (haproxy 2.6: t_request in http_ana.c and t_queue in stream.c both read
     *     the loop's cached "now")
     */
    private void onClaimDecided(HttpStream s, ServerClaim c, boolean inHeadersTurn) {
        if (stream != s || closing || s.claim != c) {
            c.release();
            return;
        }
        if (c.refusal() != null) {
            // http_ana.c http_return_srv_error: 503 with SC (no server), SQ (queue full) or sQ (queue timeout)
            switch (c.refusal()) {
                case NO_SERVER -> s.terminate('S', 'C');
                case QUEUE_FULL -> s.terminate('S', 'Q');
                case QUEUE_TIMEOUT -> {
                    s.terminate('s', 'Q');
                    s.queueExitNanos = fe.clock.nanos();
                }
            }
            if (c.server() != null) {
                s.server = c.server();
                s.serverAddress = s.backend.address(c.server());
            }
            closeServer = true;
            sendPage(fe.page(503), false);
            return;
        }
        BackendServer server = c.server();
        if (s.server != null && !server.equals(s.server)) {
            // the '+' of %rc: the retry landed on another server (backend.c assign_server_and_queue)
            s.redispatched = true;
        }
        s.server = server;
        s.serverAddress = s.backend.address(server);
        s.sni = s.backend.sni(server, s);
        c.onKill(why -> killedByServerState(s, why));
        // haproxy's t_queue is taken at each assignment: %Tc runs from here, across same-server retries
        s.queueExitNanos = inHeadersTurn && s.headersNanos >= 0 ? s.headersNanos : fe.clock.nanos();
        s.connectStartNanos = s.queueExitNanos;
        useServer(s);
    }

    /**
     * The server's state change kills this stream (configuration.txt §5.2 "on-marked-down
     * shutdown-sessions" 'D', "on-marked-up shutdown-backup-sessions" 'U'): both connections close.
     */
    private void killedByServerState(HttpStream s, char why) {
        if (stream != s || closing || s.logged) {
            return;
        }
        s.terminate(why, tunnel || responseStarted ? 'D' : headSent ? 'H' : 'C');
        s.endNanos = fe.clock.nanos();
        if (responseStarted) {
            s.bytesOut = clientBytes.out - bytesOutAtResponse;
        }
        finishStream(s);
        closeAll();
    }

    /** Sends the request over the session's own or an idle connection to the server, or a new one. */
    private void useServer(HttpStream s) {
        // haproxy keys idle connections on the SNI too: a TLS connection serves only its own server_name
        ServerPool.Key key = new ServerPool.Key(s.serverAddress, s.backend.tls(s.server) != null, s.sni);
        if (link != null && (!link.key().equals(key) || !link.channel().isActive() || !link.reusable)) {
            releaseLink();
        }
        if (link == null && !s.firstOnConnection && s.retries == 0) {
            ServerLink idle = fe.pool(client.eventLoop()).poll(key);
            if (idle != null) {
                link = idle;
                link.attach(this);
            }
        }
        s.reusedConnection = link != null;
        if (link != null) {
            s.connectedNanos = fe.clock.nanos();
            sendHead();
        } else {
            connect(s);
        }
    }

    /**
     * The HTTP/2 preface reaching the HTTP/1.1 parser ("option disable-h2-upgrade", "proto h1"):
     * haproxy 2.6 answers 400 (measured), where a plain HTTP/2.0 version would be forwarded.
     */
    private static boolean isHttp2Preface(HttpRequest req) {
        return "PRI".equals(req.method().name()) && "*".equals(req.uri()) && req.protocolVersion().majorVersion() == 2;
    }

    private static boolean conflictingHosts(HttpRequest req) {
        List<String> hosts = req.headers().getAll(HttpHeaderNames.HOST);
        return hosts.size() > 1 && hosts.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).distinct().count() > 1;
    }

    /** The last of the three options wins per proxy; the stricter of frontend and backend applies. */
    static ConnectionMode effectiveMode(ConnectionMode fe, ConnectionMode be) {
        if (fe == ConnectionMode.CLOSE || be == ConnectionMode.CLOSE) {
            return ConnectionMode.CLOSE;
        }
        if (fe == ConnectionMode.SERVER_CLOSE || be == ConnectionMode.SERVER_CLOSE) {
            return ConnectionMode.SERVER_CLOSE;
        }
        return ConnectionMode.KEEP_ALIVE;
    }

    private BackendRuntime chooseBackend(HttpStream s) {
        for (BackendSwitch sw : model.useBackends()) {
            if (sw.condition().test(s)) {
                BackendRuntime be = fe.runtime.backend(sw.backend().render(s));
                if (be != null) {
                    return be;
                }
            }
        }
        return model.defaultBackend() == null ? null : fe.runtime.backend(model.defaultBackend());
    }

    /**
     * "option forwardfor": appended, never merged; the backend's header name wins (configuration.txt §4.2).
     * Neither header is added for a UNIX socket client: haproxy adds them for AF_INET/AF_INET6 only.
     */
    private void addForwardFor(HttpStream s, HttpRequest req, Backend bm) {
        ForwardFor ff = bm.forwardFor() != null ? bm.forwardFor() : model.forwardFor();
        if (ff != null && !UnixPeer.is(s.source)) {
            boolean except = ff.except() != null && Acl.isIpLiteral(ff.except())
                    && aclIp(ip(s.source), ff.except());
            if (!except && !(ff.ifNone() && req.headers().contains(ff.header()))) {
                req.headers().add(ff.header(), ip(s.source));
            }
        }
        if ((model.originalTo() || bm.originalTo()) && !UnixPeer.is(s.destination)) {
            req.headers().add("X-Original-To", ip(s.destination));
        }
    }

    private static boolean aclIp(String value, String net) {
        return Acl.ipMatch(value, net);
    }

    private void connect(HttpStream s) {
        BackendRuntime be = s.backend;
        BackendServer server = s.server;
        ServerTlsContext tls = be.tls(server);
        ServerLink l = new ServerLink(s.serverAddress, tls != null, s.sni, fe.pool(client.eventLoop()));
        l.attach(this);
        long serverTimeout = be.backend().timeouts().server();
        long connectTimeout = be.backend().timeouts().connect();
        ChannelFuture connected = ServerConnector.open(client, s.serverAddress, connectTimeout, false, p -> {
            if (tls != null) {
                p.addLast("tls", tls.newHandler(p.channel().alloc(), s.sni, ServerConnector.port(s.serverAddress)));
            }
            l.counter.idleTimeout(serverTimeout);
            p.addLast("bytes", l.counter);
            p.addLast("codec", new HttpClientCodec(SERVER_DECODING, false, false));
            p.addLast("link", l);
        });
        // a TLS server counts as connected once its handshake is done: a failed one is retried like a refused connect
        (tls == null ? connected : ServerTlsContext.handshaken(connected)).addListener((ChannelFutureListener) f -> {
            if (stream != s || closing) {
                f.channel().close();
                return;
            }
            if (f.isSuccess()) {
                be.observe(server, TrafficObserver.Event.L4_OK);
                link = l;
                s.connectedNanos = fe.clock.nanos();
                sendHead();
            } else {
                // backend.c back_handle_st_cer: the error counts against the server before the retry decision
                be.observe(server, TrafficObserver.Event.L4_ERROR);
                s.connectTimedOut = f.cause() instanceof ConnectTimeoutException;
                attemptFailed(s, RetryPolicy.Failure.of(RetryPolicy.Failure.Kind.CONN_FAILURE));
            }
        });
    }

    /**
     * One attempt failed before anything of the response reached the client: retry on the same
     * server, redispatch, or answer the error (configuration.txt "retries", "retry-on", "option
     * redispatch"; the decision is {@link RetryPolicy}'s).
     */
    private void attemptFailed(HttpStream s, RetryPolicy.Failure failure) {
        BackendRuntime be = s.backend;
        boolean connFailure = failure.kind() == RetryPolicy.Failure.Kind.CONN_FAILURE;
        boolean replayable = connFailure || s.replay != null && !s.replayOverflow && requestDone && !informational;
        RetryPolicy.Decision d = be.retryPolicy().decide(failure,
                new RetryPolicy.Attempt(s.request.method().name(), replayable, false), s.retries,
                be.serverUp(s.server), be.state().activeUsableCount());
        if (d.action() == RetryPolicy.Action.GIVE_UP) {
            giveUp(s, failure);
            return;
        }
        s.retries++;
        prepareReplay(s);
        Runnable retry = () -> {
            if (stream != s || closing) {
                return;
            }
            if (d.action() == RetryPolicy.Action.REDISPATCH) {
                BackendServer failed = s.server;
                s.claim.release();
                claimServer(s, failed);
            } else {
                useServer(s);
            }
        };
        if (d.delay().isZero()) {
            client.eventLoop().execute(retry);
        } else {
            client.eventLoop().schedule(retry, d.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** No retry left or allowed: the error haproxy answers for this failure (http_ana.c, backend.c). */
    private void giveUp(HttpStream s, RetryPolicy.Failure failure) {
        switch (failure.kind()) {
            case CONN_FAILURE -> {
                s.terminate(s.connectTimedOut ? 's' : 'S', 'C');
                closeServer = true;
                sendPage(fe.page(503), false);
            }
            case RESPONSE_TIMEOUT -> {
                s.backend.observe(s.server, TrafficObserver.Event.HTTP_READ_TIMEOUT);
                s.terminate('s', 'H');
                sendPage(fe.page(504), false);
            }
            case JUNK_RESPONSE -> {
                s.backend.observe(s.server, TrafficObserver.Event.HTTP_INVALID);
                s.terminate('P', 'H');
                badGateway();
            }
            default -> {
                if (!s.firstOnConnection) {
                    // "abort_keep_alive": a later request of a keep-alive connection lost its server
                    // connection; close without an answer or a log line so the client retries it
                    s.logged = true;
                    endServerClaim(s);
                    closeAll();
                    return;
                }
                s.backend.observe(s.server, s.serverReset ? TrafficObserver.Event.HTTP_READ_ERROR
                        : TrafficObserver.Event.HTTP_BROKEN_PIPE);
                s.terminate('S', 'H');
                badGateway();
            }
        }
    }

    /** The next attempt starts afresh and, when the request went out, sends the kept copy again. */
    private void prepareReplay(HttpStream s) {
        if (link != null) {
            ServerLink l = link;
            link = null;
            l.detach();
            l.channel().close();
        }
        boolean sent = headSent;
        headSent = false;
        responseStarted = false;
        s.response = null;
        s.status = -1;
        s.serverReset = false;
        s.connectTimedOut = false;
        if (sent && s.replay != null) {
            pending.forEach(ReferenceCountUtil::release);
            pending.clear();
            for (HttpContent c : s.replay) {
                pending.add(c.retainedDuplicate());
            }
            s.replaying = true;
        }
    }

    /** Keeps what goes to the server for a possible L7 retry, while it fits in a buffer. */
    private void keepForReplay(HttpStream s, HttpContent c) {
        if (s.replay == null || s.replayOverflow) {
            return;
        }
        s.replayBytes += c.content().readableBytes();
        if (s.replayBytes > REPLAY_LIMIT) {
            s.replayOverflow = true;
            dropReplay(s);
            return;
        }
        s.replay.add(c.retainedDuplicate());
    }

    private static void dropReplay(HttpStream s) {
        if (s.replay != null) {
            s.replay.forEach(ReferenceCountUtil::release);
            s.replay.clear();
        }
    }

    /**
     * The stream no longer uses its server or backend: the slot goes back (the next queued
     * request may take it) and %bc drops, before the log line is written, as haproxy does.
     */
    private static void endServerClaim(HttpStream s) {
        if (s.claim != null) {
            s.claim.release();
        }
        if (s.countedOnBackend) {
            s.countedOnBackend = false;
            s.backend.streams().decrementAndGet();
        }
        dropReplay(s);
    }

    /** The client's TCP connection: the channel itself, or the HTTP/2 connection a stream belongs to. */
    /** The connection's TLS facts, looked up once they are final (a 408 may come before a handshake ends). */
    private TlsFacts tlsFacts() {
        if (tlsFacts != null) {
            return tlsFacts;
        }
        Channel c = connectionChannel();
        TlsFacts facts = TlsFacts.of(c);
        if (facts != TlsFacts.NONE || !TlsFacts.handshakeUnfinished(c)) {
            tlsFacts = facts;
        }
        return facts;
    }

    private Channel connectionChannel() {
        return parent != null && client.parent() != null ? client.parent() : client;
    }

    private void sendHead() {
        HttpStream s = stream;
        link.attach(this);
        link.requests++;
        serverBytesAtRequest = link.counter.in;
        headSent = true;
        lastServerWrite = link.channel().write(parent == null ? s.request : originForm(s.request));
        wroteToServer = true;
        boolean keep = !s.replaying;
        while (!pending.isEmpty()) {
            HttpContent c = (HttpContent) pending.poll();
            if (keep) {
                keepForReplay(s, c);
            }
            lastServerWrite = link.channel().write(c);
        }
        flushServer();
        if (requestDone) {
            s.requestSentNanos = fe.clock.nanos();
        }
        link.channel().read();
        readClientWhenDrained();
    }

    /**
     * An HTTP/2 request carries its URI in absolute form for the rules and the log (haproxy's
     * normalized URI, measured: {@code "GET http://host/x HTTP/2.0"}); the HTTP/1.1 server gets the
     * origin form and the authority in Host, as haproxy sends it.
     */
    private static HttpRequest originForm(HttpRequest req) {
        String uri = req.uri();
        int scheme = uri.indexOf("://");
        if (scheme > 0 && uri.charAt(0) != '/') {
            int slash = uri.indexOf('/', scheme + 3);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        return new io.netty.handler.codec.http.DefaultHttpRequest(HttpVersion.HTTP_1_1, req.method(), uri,
                req.headers());
    }

    private void onRequestContent(HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        if (c.decoderResult().isFailure() && stream != null && !answeredLocally) {
            // a malformed body (bad chunk size...) after a good head: 400, and the server connection goes
            c.release();
            stream.terminate('P', 'R');
            if (link != null) {
                link.reusable = false;
            }
            sendPage(fe.page(400), true);
            return;
        }
        if (stream == null || answeredLocally) {
            c.release();
            if (last) {
                requestDone = true;
            }
            return;
        }
        if (last) {
            requestDone = true;
        }
        if (!headSent) {
            pending.add(c);
            return;
        }
        keepForReplay(stream, c);
        lastServerWrite = link.channel().write(c);
        wroteToServer = true;
        if (last) {
            stream.requestSentNanos = fe.clock.nanos();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (closing) {
            return;
        }
        if (wroteToServer && link != null) {
            flushServer();
        }
        readClientWhenDrained();
    }

    private void flushServer() {
        wroteToServer = false;
        if (link != null) {
            link.channel().flush();
        }
    }

    /** Read-after-write: the next client read happens once what we wrote to the server is flushed. */
    private void readClientWhenDrained() {
        if (closing) {
            return;
        }
        if (tunnel) {
            readAfter(lastServerWrite, client);
            return;
        }
        if (stream == null) {
            if (inbox.isEmpty()) {
                ctx.read();
            }
            return;
        }
        if (requestDone && parent == null && inbox.isEmpty()) {
            // the whole request is in: keep the client readable while the answer is pending, rather
            // than let Netty clear the read interest now to set it again for the next request (one
            // epoll_ctl each). What arrives meanwhile waits in the inbox, one read's worth at most.
            ctx.read();
            return;
        }
        if (requestDone || answeredLocally || !headSent) {
            return;
        }
        readAfter(lastServerWrite, client);
    }

    private static void readAfter(ChannelFuture write, Channel toRead) {
        if (write == null || write.isDone()) {
            if (write == null || write.isSuccess()) {
                toRead.read();
            }
        } else {
            write.addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    toRead.read();
                }
            });
        }
    }

    void onServerMessage(ServerLink from, Object msg) {
        if (from != link || stream == null || closing) {
            if (tunnel && from == link) {
                forwardTunnel(msg, client, false);
                return;
            }
            ReferenceCountUtil.release(msg);
            if (from == link && stream == null && !closing) {
                // a server speaking between requests is out of step: its connection is not reused
                releaseUnsolicited();
            }
            return;
        }
        if (tunnel) {
            forwardTunnel(msg, client, false);
        } else if (msg instanceof HttpResponse r) {
            onResponse(r);
            if (msg instanceof HttpContent c && !answeredLocally && !tunnel) {
                onResponseContent(c);
            }
        } else if (msg instanceof HttpContent c) {
            onResponseContent(c);
        } else if (msg instanceof ByteBuf b && tunnel) {
            forwardTunnel(b, client, false);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(HttpResponse r) {
        HttpStream s = stream;
        if (r.decoderResult().isFailure() || r.headers().size() > MAX_HEADERS) {
            link.reusable = false;
            if (!responseStarted) {
                attemptFailed(s, RetryPolicy.Failure.of(RetryPolicy.Failure.Kind.JUNK_RESPONSE));
            } else {
                s.terminate('P', 'H');
            }
            return;
        }
        int code = r.status().code();
        if (code == 101 && parent != null) {
            // no Upgrade ever leaves an HTTP/2 stream (RFC 9113 §8.6), so a 101 is a broken response
            link.reusable = false;
            s.terminate('P', 'H');
            badGateway();
            return;
        }
        if (code >= 100 && code < 200 && code != 101) {
            informational = true;
            lastClientWrite = client.write(r);
            wroteToClient = true;
            return;
        }
        if (statusRetried(s, code)) {
            return;
        }
        // http_ana.c: a final status counts for "observe layer7"; 5xx but 501 and 505 are errors
        s.backend.observe(s.server, code < 500 || code == 501 || code == 505 ? TrafficObserver.Event.HTTP_OK
                : TrafficObserver.Event.HTTP_STATUS);
        dropReplay(s);
        s.response = r;
        s.status = code;
        s.responseNanos = fe.clock.nanos();
        responseStarted = true;
        bytesOutAtResponse = clientBytes.out;
        var editor = HttpStream.editor(r, s.vars);
        Backend bm = s.backend.backend();
        Outcome o = bm.isHalfOf(model) ? Outcome.CONTINUE : HttpRule.run(bm.responseRules(), s, editor);
        if (o instanceof Outcome.Continue) {
            o = HttpRule.run(model.responseRules(), s, editor);
        }
        if (!(o instanceof Outcome.Continue)) {
            link.reusable = false;
            responseStarted = false;
            s.response = null;
            answer(o instanceof Outcome.Deny d ? new Outcome.Deny(d.status() == 403 ? 502 : d.status()) : o);
            return;
        }
        HttpHeaders h = r.headers();
        if (h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)
                || r.protocolVersion().equals(HttpVersion.HTTP_1_0)
                && !h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE, true)) {
            link.reusable = false;
        }
        if (code == 101) {
            tunnel = true;
            link.reusable = false;
        } else {
            h.remove(HttpHeaderNames.CONNECTION);
            h.remove(HttpHeaderNames.KEEP_ALIVE);
            boolean bodyless = s.isHead() || code == 204 || code == 304;
            if (!bodyless && !HttpUtil.isContentLengthSet(r) && !HttpUtil.isTransferEncodingChunked(r)) {
                link.reusable = false;
                if (parent != null) {
                    // HTTP/2 frames delimit the body: nothing to add, nothing to close
                } else if (s.request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                    // close-delimited server body: chunk it for the client so its connection survives
                    HttpUtil.setTransferEncodingChunked(r, true);
                } else {
                    closeClient = true;
                }
            }
            if (closeClient) {
                h.add(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (s.request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                h.add(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        r.setProtocolVersion(HttpVersion.HTTP_1_1);
        lastClientWrite = client.write(r);
        wroteToClient = true;
        if (tunnel) {
            startTunnel();
        }
    }

    /**
     * {@code retry-on <status>}: a listed status is not forwarded when a retry is allowed; the
     * server connection goes (its body would follow) and the request is sent again. With no retry
     * left the response goes to the client as it is (http_ana.c l7_status_match, do_l7_retry).
     */
    private boolean statusRetried(HttpStream s, int code) {
        RetryPolicy policy = s.backend.retryPolicy();
        if (!policy.retryStatuses().contains(code) || s.replay == null || s.replayOverflow || !requestDone
                || informational) {
            return false;
        }
        RetryPolicy.Decision d = policy.decide(RetryPolicy.Failure.status(code),
                new RetryPolicy.Attempt(s.request.method().name(), true, false), s.retries,
                s.backend.serverUp(s.server), s.backend.state().activeUsableCount());
        if (d.action() == RetryPolicy.Action.GIVE_UP) {
            return false;
        }
        link.reusable = false;
        attemptFailed(s, RetryPolicy.Failure.status(code));
        return true;
    }

    private void onResponseContent(HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        if (informational) {
            lastClientWrite = client.write(c);
            wroteToClient = true;
            if (last) {
                informational = false;
            }
            return;
        }
        if (!responseStarted) {
            c.release();
            return;
        }
        lastClientWrite = client.write(c);
        wroteToClient = true;
        if (last) {
            responseDone = true;
            client.flush();
            wroteToClient = false;
            onResponseDone();
        }
    }

    void onServerReadComplete(ServerLink from) {
        if (from != link) {
            return;
        }
        if (wroteToClient) {
            wroteToClient = false;
            client.flush();
        }
        if (tunnel) {
            readAfter(lastClientWrite, link.channel());
        } else if (stream != null && !responseDone && !closing) {
            readAfter(lastClientWrite, link.channel());
        } else if (stream == null && !closing) {
            // between requests the kept connection stays readable: input or a close retires it at once,
            // and the read interest is not cleared now to be set again with the next request (two
            // epoll_ctl per keep-alive request, a third of its syscalls)
            link.channel().read();
        }
    }

    void onServerWritability(ServerLink from) {
        // backpressure is read-after-write; nothing to do on writability changes
    }

    private void onResponseDone() {
        HttpStream s = stream;
        s.endNanos = fe.clock.nanos();
        s.bytesOut = clientBytes.out - bytesOutAtResponse;
        s.bytesIn = clientBytes.in - s.bytesIn;
        finishStream(s);
        if (link != null && (closeServer || !link.reusable || !requestDone)) {
            ServerLink l = link;
            link = null;
            l.detach();
            l.channel().close();
        }
        if (parent != null) {
            endStream(lastClientWrite);
            return;
        }
        if (closeClient || !requestDone) {
            // the client first, as haproxy does: its FIN goes out right behind the answer, before the
            // client (which said Connection: close) closes on its own; the second closer's close()
            // pays for the first closer's TIME_WAIT on loopback, and the client's close must not
            // wait for the server's reset
            closeAfter(lastClientWrite);
            if (closeClient && link != null) {
                abortServerConnection();
            }
            return;
        }
        nextRequest();
    }

    /**
     * One HTTP/2 stream carries one request: its server connection goes back to the loop's pool at
     * once (other streams may take it), and a request still uploading is cut with RST_STREAM.
     */
    private void endStream(ChannelFuture lastWrite) {
        closing = true;
        cancelRequestTimer();
        releaseLink();
        if (!requestDone) {
            closeAfter(lastWrite);
        }
    }

    private void nextRequest() {
        lastEndNanos = fe.clock.nanos();
        startWaiting();
        while (!inbox.isEmpty() && !closing) {
            Object m = inbox.poll();
            if (stream == null && m instanceof HttpRequest req) {
                onRequest(req);
                if (m instanceof HttpContent c) {
                    onRequestContent(c);
                }
            } else if (stream != null && !requestDone && m instanceof HttpContent c) {
                onRequestContent(c);
            } else if (stream != null && requestDone) {
                inbox.addFirst(m);
                break;
            } else {
                ReferenceCountUtil.release(m);
            }
        }
        if (wroteToServer && link != null) {
            flushServer();
        }
        if (inbox.isEmpty()) {
            readClientWhenDrained();
        }
    }

    private void finishStream(HttpStream s) {
        endServerClaim(s);
        if (s.logged) {
            return;
        }
        s.logged = true;
        if (s.endNanos < 0) {
            s.endNanos = fe.clock.nanos();
        }
        if (fe.runtime.logFormat() != null && fe.runtime.log().enabled()) {
            fe.runtime.log().info(fe.runtime.logFormat().renderLog(s));
        }
    }

    /** An answer from a rule: deny, return or redirect. */
    private void answer(Outcome o) {
        // configuration.txt §8.5: a denied request is "PR" (proxy, request); return/redirect are "LR" (local)
        if (stream != null) {
            stream.terminate(o instanceof Outcome.Deny ? 'P' : 'L', responseStarted || stream.response != null ? 'H' : 'R');
        }
        switch (o) {
            case Outcome.Deny d -> sendPage(fe.page(d.status()), false);
            case Outcome.Return r -> {
                byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
                FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(body));
                resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                if (r.contentType() != null) {
                    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
                }
                sendLocal(resp, r.status(), false);
            }
            case Outcome.Redirect r -> {
                FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(r.status()), Unpooled.EMPTY_BUFFER);
                resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                resp.headers().set(HttpHeaderNames.LOCATION, r.location());
                resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
                sendLocal(resp, r.status(), false);
            }
            case Outcome.Continue c -> { }
        }
    }

    private void badGateway() {
        sendPage(fe.page(502), false);
    }

    /** Sends one of haproxy's own pages; 400 and 408 close the client connection (issue #889). */
    private void sendPage(ErrorPage page, boolean fatal) {
        if (page.silent()) {
            HttpStream s = stream;
            if (s != null) {
                s.status = page.status();
                answeredLocally = true;
                finishStream(s);
            }
            closeAll();
            return;
        }
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(page.status(), page.reason()), Unpooled.wrappedBuffer(page.body()));
        for (Map.Entry<String, String> e : page.headers()) {
            resp.headers().add(e.getKey(), e.getValue());
        }
        if (!resp.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, page.body().length);
        }
        sendLocal(resp, page.status(), fatal || page.closesClient());
    }

    private void sendLocal(FullHttpResponse resp, int status, boolean close) {
        HttpStream s = stream;
        answeredLocally = true;
        if (link != null && !responseDone) {
            ServerLink l = link;
            link = null;
            l.detach();
            l.channel().close();
        }
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        boolean mustClose = close || closeClient || !requestDone && expectBody;
        if (mustClose) {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (encoder != null) {
            encoder.headRequest(s != null && s.isHead());
        }
        long before = clientBytes.out;
        ChannelFuture f = client.writeAndFlush(resp);
        if (s != null) {
            s.status = status;
            s.bytesOut = clientBytes.out - before;
            s.endNanos = fe.clock.nanos();
            finishStream(s);
        }
        responseDone = true;
        if (mustClose) {
            closing = true;
            closeAfter(f);
        } else if (parent != null) {
            endStream(f);
        } else {
            nextRequest();
        }
    }

    private void closeAfter(ChannelFuture f) {
        closing = true;
        if (f == null) {
            client.close();
        } else {
            f.addListener((ChannelFutureListener) x -> client.close());
        }
    }

    void onServerClosed(ServerLink from) {
        if (from != link) {
            return;
        }
        link = null;
        HttpStream s = stream;
        if (tunnel) {
            if (wroteToClient) {
                client.flush();
            }
            closeAfter(lastClientWrite);
            return;
        }
        if (s == null || closing || responseDone || answeredLocally) {
            return;
        }
        if (!responseStarted) {
            if (!headSent) {
                // an idle connection taken from the pool died before the request went out
                attemptFailed(s, RetryPolicy.Failure.of(RetryPolicy.Failure.Kind.CONN_FAILURE));
            } else if (from.counter.in > serverBytesAtRequest) {
                attemptFailed(s, RetryPolicy.Failure.of(RetryPolicy.Failure.Kind.JUNK_RESPONSE));
            } else {
                s.serverReset = from.reset;
                attemptFailed(s, RetryPolicy.Failure.of(RetryPolicy.Failure.Kind.EMPTY_RESPONSE));
            }
            return;
        }
        s.terminate('S', 'D');
        s.endNanos = fe.clock.nanos();
        s.bytesOut = clientBytes.out - bytesOutAtResponse;
        finishStream(s);
        client.flush();
        closeAfter(lastClientWrite);
    }

    /** configuration.txt "timeout server": 504 before the response head, else abort (sD). */
    void onServerTimeout(ServerLink from) {
        if (from != link) {
            return;
        }
        HttpStream s = stream;
        if (tunnel) {
            closeAll();
            return;
        }
        if (s == null || responseDone || answeredLocally) {
            return;
        }
        if (!responseStarted) {
            if (!headSent) {
                return;
            }
            link.reusable = false;
            attemptFailed(s, RetryPolicy.Failure.of(RetryPolicy.Failure.Kind.RESPONSE_TIMEOUT));
        } else {
            s.terminate('s', 'D');
            s.endNanos = fe.clock.nanos();
            finishStream(s);
            closeAll();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            onClientEof();
            return;
        }
        if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess() && waiting && stream == null) {
            if (firstRequest) {
                // %Th ends here and %Ti starts (configuration.txt §8.4)
                long now = fe.clock.nanos();
                handshakeMillis = (now - lastEndNanos) / 1_000_000;
                lastEndNanos = now;
            }
            if (fe.runtime.logFormat() == null) {
                logConnect(); // haproxy 2.6.12: only a connection that completed its handshake says "Connect from"
            }
            armRequestTimer(firstRequest ? model.timeouts().httpRequest() : model.timeouts().keepAliveWait());
        }
        if (!(evt instanceof IdleStateEvent) || TlsFacts.handshakeUnfinished(client)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        // configuration.txt "timeout client": inactivity while the client is expected to act
        if (tunnel) {
            closeAll();
            return;
        }
        if (stream != null && requestDone && !responseDone) {
            return;
        }
        if (stream == null) {
            if (!sawBytes && !firstRequest) {
                closeAll();
                return;
            }
            HttpStream s = newStream();
            s.terminate('c', 'R');
            stream = s;
            waiting = false;
            sendPage(fe.page(408), true);
            return;
        }
        stream.terminate('c', 'D');
        stream.endNanos = fe.clock.nanos();
        finishStream(stream);
        closeAll();
    }

    /**
     * The client half-closed. In a tunnel the FIN is passed on; otherwise a pending response is
     * still delivered (then the connection closes) and an idle connection closes now.
     */
    private void onClientEof() {
        if (tunnel) {
            if (link != null && link.channel() instanceof io.netty.channel.socket.DuplexChannel d) {
                ChannelFuture w = lastServerWrite;
                if (w == null || w.isDone()) {
                    d.shutdownOutput();
                } else {
                    w.addListener((ChannelFutureListener) f -> d.shutdownOutput());
                }
            } else {
                closeAll();
            }
            return;
        }
        if (stream == null || !requestDone) {
            if (stream != null && !stream.logged) {
                stream.terminate('C', 'R');
                finishStream(stream);
            }
            closeAll();
            return;
        }
        closeClient = true;
    }

    /**
     * After a 101, both sides become a raw relay under "timeout tunnel". The codecs go at once:
     * the 101 head is already encoded, and bytes the client sends right after it must not reach
     * the HTTP decoder.
     */
    private void startTunnel() {
        client.flush();
        wroteToClient = false;
        long t = model.timeouts().tunnel() > 0 ? model.timeouts().tunnel() : model.timeouts().client();
        ChannelPipeline cp = client.pipeline();
        clientBytes.idleTimeout(t);
        cp.remove(encoder);
        cp.remove(decoder);
        if (link != null) {
            ChannelPipeline sp = link.channel().pipeline();
            link.counter.idleTimeout(t);
            sp.remove("codec");
            link.channel().read();
        }
        client.read();
    }

    private void forwardTunnel(Object msg, Channel to, boolean fromClient) {
        if (to == null || !to.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof LastHttpContent l && !l.content().isReadable()) {
            l.release();
            return;
        }
        Object out = msg instanceof HttpContent c ? c.content() : msg;
        if (fromClient) {
            lastServerWrite = to.write(out);
            wroteToServer = true;
        } else {
            lastClientWrite = to.write(out);
            wroteToClient = true;
        }
    }

    private void releaseUnsolicited() {
        ServerLink l = link;
        link = null;
        l.detach();
        l.channel().close();
    }

    /**
     * The session ends with this response: its server connection ends with it, reset rather than
     * closed, as haproxy 2.6 does (measured with strace: after the response to a client's
     * "Connection: close" it sets SO_LINGER {1, 0} on the server socket and closes it, while the
     * client gets shutdown(SHUT_WR) and close). No TIME_WAIT is left on the proxy's side, so
     * connection-close traffic does not fill the ephemeral port range and slow every connect().
     */
    private void abortServerConnection() {
        ServerLink l = link;
        link = null;
        l.detach();
        if (l.channel().isActive()) {
            l.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        }
        l.channel().close();
    }

    private void releaseLink() {
        ServerLink l = link;
        link = null;
        if (l == null) {
            return;
        }
        if (l.reusable && l.channel().isActive() && !closeServer) {
            fe.pool(client.eventLoop()).offer(l);
        } else {
            l.detach();
            l.channel().close();
        }
    }

    private void closeAll() {
        closing = true;
        cancelRequestTimer();
        if (link != null) {
            ServerLink l = link;
            link = null;
            l.detach();
            l.channel().close();
        }
        client.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelRequestTimer();
        HttpStream s = stream;
        if (s != null && !s.logged) {
            // CQ: gone while queued, CC: while its server connection was being set up (configuration.txt §8.5)
            boolean queued = s.claim != null && s.claim.waiting();
            boolean connecting = s.claim != null && !headSent && !queued;
            if (queued) {
                s.queueExitNanos = fe.clock.nanos();
            }
            s.terminate('C', tunnel ? 'D' : queued ? 'Q' : !requestDone ? 'R' : responseStarted ? 'D'
                    : connecting ? 'C' : 'H');
            s.endNanos = fe.clock.nanos();
            if (responseStarted) {
                s.bytesOut = clientBytes.out - bytesOutAtResponse;
            }
            finishStream(s);
            if (link != null) {
                link.reusable = false;
            }
        } else if (s == null && parent == null && firstRequest && !sawBytes && !model.logging().dontLogNull()
                && fe.runtime.logFormat() != null && fe.runtime.log().enabled()
                && !TlsFacts.handshakeUnfinished(client)) {
            // an empty connection: logged as an aborted request unless "option dontlognull"
            HttpStream empty = newStream();
            empty.terminate('C', 'R');
            empty.endNanos = fe.clock.nanos();
            finishStream(empty);
        }
        if (link != null && responseDone && !closeServer) {
            releaseLink();
        } else if (link != null) {
            ServerLink l = link;
            link = null;
            l.detach();
            l.channel().close();
        }
        inbox.forEach(ReferenceCountUtil::release);
        inbox.clear();
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        closing = true;
        if (parent == null) {
            fe.runtime.closed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeAll();
    }
}
