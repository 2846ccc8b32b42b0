package dev.tandem.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/2 client that writes whatever frames a test asks for, through Netty's
 * {@link DefaultHttp2FrameWriter}, on a plain blocking socket, and reads back raw frames: the
 * misbehaving peer the flood and limit tests need (no flow control, no politeness).
 */
final class RawH2Client implements AutoCloseable {

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;

    /** RFC 9113 §7 error codes. */
    static final long NO_ERROR = 0x0;
    static final long PROTOCOL_ERROR = 0x1;
    static final long REFUSED_STREAM = 0x7;
    static final long CANCEL = 0x8;
    static final long COMPRESSION_ERROR = 0x9;
    static final long ENHANCE_YOUR_CALM = 0xb;

    /** One frame as it came off the wire. */
    record Frame(int type, int flags, int stream, byte[] payload) {
        long errorCode() {
            ByteBuffer b = ByteBuffer.wrap(payload);
            return switch (type) {
                case RST_STREAM -> b.getInt(0) & 0xffffffffL;
                case GOAWAY -> b.getInt(4) & 0xffffffffL;
                default -> throw new IllegalStateException("no error code in frame type " + type);
            };
        }

        boolean endStream() {
            return (flags & 0x1) != 0 && (type == DATA || type == HEADERS);
        }

        @Override
        public String toString() {
            return "Frame[type=" + type + ", flags=" + flags + ", stream=" + stream + ", length=" + payload.length + "]";
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false, 1 << 20);
    private final EmbeddedChannel sink = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = sink.pipeline().firstContext();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Connects and sends the client preface and an empty SETTINGS frame (not flushed yet). */
    RawH2Client(InetSocketAddress address) throws IOException {
        this(address, new byte[0]);
    }

    /** As {@link #RawH2Client(InetSocketAddress)}, with {@code prefix} (a PROXY header) before the preface. */
    RawH2Client(InetSocketAddress address, byte[] prefix) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        pending.writeBytes(prefix);
        pending.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        settings(new Http2Settings());
    }

    static Http2Headers get(String path, String authority) {
        return new DefaultHttp2Headers().method("GET").path(path).scheme("http").authority(authority);
    }

    RawH2Client settings(Http2Settings s) {
        writer.writeSettings(ctx, s, ctx.newPromise());
        return take();
    }

    RawH2Client settingsAck() {
        writer.writeSettingsAck(ctx, ctx.newPromise());
        return take();
    }

    RawH2Client headers(int stream, Http2Headers headers, boolean endStream) {
        writer.writeHeaders(ctx, stream, headers, 0, endStream, ctx.newPromise());
        return take();
    }

    RawH2Client data(int stream, byte[] bytes, boolean endStream) {
        writer.writeData(ctx, stream, Unpooled.wrappedBuffer(bytes), 0, endStream, ctx.newPromise());
        return take();
    }

    RawH2Client rst(int stream, long errorCode) {
        writer.writeRstStream(ctx, stream, errorCode, ctx.newPromise());
        return take();
    }

    RawH2Client ping(long data) {
        writer.writePing(ctx, false, data, ctx.newPromise());
        return take();
    }

    RawH2Client windowUpdate(int stream, int increment) {
        writer.writeWindowUpdate(ctx, stream, increment, ctx.newPromise());
        return take();
    }

    private RawH2Client take() {
        sink.flushOutbound();
        for (Object o = sink.readOutbound(); o != null; o = sink.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            pending.writeBytes(bytes);
        }
        return this;
    }

    /** Sends what was written so far; false once the server has closed the connection. */
    boolean flush() {
        try {
            out.write(pending.toByteArray());
            out.flush();
            return true;
        } catch (SocketException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            pending.reset();
        }
    }

    /** The next frame, or null at end of stream (the server closed) or after {@code timeoutMillis} of silence. */
    Frame next(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            byte[] head = in.readNBytes(9);
            if (head.length < 9) {
                return null;
            }
            int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | head[2] & 0xff;
            int stream = ByteBuffer.wrap(head, 5, 4).getInt() & 0x7fffffff;
            byte[] payload = in.readNBytes(length);
            return new Frame(head[3] & 0xff, head[4] & 0xff, stream, payload);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (SocketException e) {
            return null; // reset by the server
        }
    }

    /** Every frame until the server closes the connection (or {@code timeoutMillis} of silence). */
    List<Frame> readUntilClosed(int timeoutMillis) throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (Frame f = next(timeoutMillis); f != null; f = next(timeoutMillis)) {
            frames.add(f);
        }
        return frames;
    }

    /** True once the server has closed its side (a read returns end of stream). */
    boolean closedByServer(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            while (true) {
                byte[] skip = new byte[4096];
                if (in.read(skip) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Decodes a HEADERS frame's block (END_HEADERS assumed; frames must be decoded in arrival order). */
    Http2Headers decode(Frame f) throws Exception {
        int padded = (f.flags() & 0x8) != 0 ? (f.payload()[0] & 0xff) + 1 : 0;
        int priority = (f.flags() & 0x20) != 0 ? 5 : 0;
        int start = (padded > 0 ? 1 : 0) + priority;
        int end = f.payload().length - (padded > 0 ? padded - 1 : 0);
        ByteBuf block = Unpooled.wrappedBuffer(f.payload(), start, end - start);
        try {
            return decoder.decodeHeaders(f.stream(), block);
        } finally {
            block.release();
        }
    }

    @Override
    public void close() throws IOException {
        sink.finishAndReleaseAll();
        socket.close();
    }
}
