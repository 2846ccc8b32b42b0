package dev.tandem.proxy.http;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder with haproxy's limits and one haproxy deviation: a request carrying
 * both Content-Length and Transfer-Encoding keeps TE, loses CL, and forces the connection closed
 * after the response (haproxy src/h1.c "T-E + C-L: force close and remove C-L"; RFC 9112 §6.1
 * allows this instead of rejecting).
 */
final class RequestDecoder extends HttpRequestDecoder {

    /** Never shared; said here so Netty need not look it up per connection (a thread-local WeakHashMap). */
    @Override
    public boolean isSharable() {
        return false;
    }

    /** tune.bufsize 16384 - tune.maxrewrite 1024: larger request heads get 400 (haproxy.md §6.2). */
    static final int MAX_HEAD = 15360;

    private boolean forceClose;

    /** Read, never changed, by every client connection's decoder. */
    private static final HttpDecoderConfig DECODING = new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_HEAD)
            .setMaxHeaderSize(MAX_HEAD)
            .setMaxChunkSize(16384)
            .setAllowDuplicateContentLengths(true)
            .setStrictLineParsing(false);

    RequestDecoder() {
        super(DECODING);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        message.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        clearContentLength();
        forceClose = true;
    }

    /** True once if the last request had CL and TE together. */
    boolean takeForceClose() {
        boolean f = forceClose;
        forceClose = false;
        return f;
    }
}
