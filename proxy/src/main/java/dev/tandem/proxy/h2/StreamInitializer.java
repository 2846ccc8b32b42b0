package dev.tandem.proxy.h2;

import dev.tandem.proxy.http.HttpFrontend;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * Sets up each stream's child channel: frames become HTTP messages, {@link StreamMessages} makes
 * them what the HTTP session expects, and the session runs the stream like an HTTP/1.1 request.
 * Reads are manual: a stream takes its next DATA frame only after the last one reached its server,
 * so its flow-control window (tune.h2.initial-window-size) is the most it holds.
 */
final class StreamInitializer extends ChannelInitializer<Http2StreamChannel> {

    private final HttpFrontend fe;
    private final H2Connection connection;
    private final Http2StreamFrameToHttpObjectCodec codec = new Http2StreamFrameToHttpObjectCodec(true, true);

    StreamInitializer(HttpFrontend fe, H2Connection connection) {
        this.fe = fe;
        this.connection = connection;
    }

    @Override
    protected void initChannel(Http2StreamChannel ch) {
        ch.config().setAutoRead(false);
        connection.streamOpened();
        ch.closeFuture().addListener((ChannelFutureListener) f -> connection.streamClosed());
        ch.pipeline().addLast("h2-codec", codec);
        ch.pipeline().addLast("h2-messages", new StreamMessages(connection));
        ch.pipeline().addLast("session", fe.newStreamSession(connection));
    }
}
