package dev.tandem.proxy.h2;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Between Netty's stream codec and the HTTP session of one HTTP/2 stream. Requests become what
 * haproxy's HTX makes of them: version HTTP/2.0, the URI in absolute form built from :scheme and
 * :authority (haproxy 2.6 logs {@code "GET http://127.0.0.1:8080/x?y=1 HTTP/2.0"}, measured), the
 * authority as Host, none of Netty's x-http2-* helper headers, and head and body as separate
 * messages as on HTTP/1.1. Interim 1xx responses leave as the complete HEADERS frames HTTP/2 wants.
 */
final class StreamMessages extends ChannelDuplexHandler {

    /** The version a request arrives with (%HV, req.ver "2.0"). */
    static final HttpVersion HTTP_2 = new HttpVersion("HTTP", 2, 0, true);

    private final H2Connection connection;
    private boolean inInterim;

    StreamMessages(H2Connection connection) {
        this.connection = connection;
    }

    /** Frames of all streams leave together: the connection flushes once per event-loop batch. */
    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (connection == null) {
            ctx.flush();
        } else {
            connection.flushSoon();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        HttpRequest head = new DefaultHttpRequest(HTTP_2, req.method(), req.uri(), req.headers());
        head.setDecoderResult(req.decoderResult());
        normalize(head);
        ctx.fireChannelRead(head);
        if (req instanceof FullHttpRequest full) {
            ctx.fireChannelRead(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
        }
    }

    private static void normalize(HttpRequest req) {
        HttpHeaders h = req.headers();
        String scheme = h.get(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text());
        for (HttpConversionUtil.ExtensionHeaderNames n : HttpConversionUtil.ExtensionHeaderNames.values()) {
            h.remove(n.text());
        }
        List<String> hosts = h.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1 && hosts.stream().map(v -> v.strip().toLowerCase(java.util.Locale.ROOT)).distinct()
                .count() == 1) {
            // :authority plus the same Host: one is enough (different ones are refused as on HTTP/1.1)
            String host = hosts.getFirst();
            h.remove(HttpHeaderNames.HOST);
            h.add(HttpHeaderNames.HOST, host);
        }
        String host = h.get(HttpHeaderNames.HOST);
        if (scheme != null && host != null && req.uri().startsWith("/") && !HttpMethod.CONNECT.equals(req.method())) {
            req.setUri(scheme + "://" + host + req.uri());
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r && !(msg instanceof FullHttpResponse) && r.status().code() >= 100
                && r.status().code() < 200) {
            // RFC 9113 §8.1: an interim response is one HEADERS frame; its empty end follows and is dropped
            FullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), Unpooled.EMPTY_BUFFER,
                    r.headers(), EmptyHttpHeaders.INSTANCE);
            inInterim = !(msg instanceof LastHttpContent);
            ctx.write(full, promise);
            return;
        }
        if (inInterim && msg instanceof HttpContent c) {
            inInterim = !(c instanceof LastHttpContent);
            ReferenceCountUtil.release(c);
            promise.setSuccess();
            return;
        }
        ctx.write(msg, promise);
    }
}
