package dev.tandem.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP/1.1 origin on a loopback socket, one virtual thread per connection. It reads each
 * request byte by byte so the recorded header lines are exactly what arrived (case, order,
 * duplicates), decodes Content-Length and chunked bodies, and answers with whatever the current
 * {@link Reply} function says. Keep-alive is honoured unless the request says close.
 */
public final class HttpBackend implements AutoCloseable {

    private final ServerSocket socket;
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Function<RecordedRequest, Reply> replies;
    private final Thread acceptor;

    private HttpBackend(InetSocketAddress address, Function<RecordedRequest, Reply> replies) throws IOException {
        this.socket = new ServerSocket();
        this.socket.setReuseAddress(true);
        this.socket.bind(address, 128);
        this.replies = replies;
        this.acceptor = Thread.ofVirtual().name("http-backend-accept").start(this::acceptLoop);
    }

    /** Starts on 127.0.0.1 with an ephemeral port, answering 200 "ok" to everything. */
    public static HttpBackend start() throws IOException {
        return start(InetAddress.getLoopbackAddress(), r -> Reply.ok("ok"));
    }

    public static HttpBackend start(Function<RecordedRequest, Reply> replies) throws IOException {
        return start(InetAddress.getLoopbackAddress(), replies);
    }

    public static HttpBackend start(InetAddress address, Function<RecordedRequest, Reply> replies) throws IOException {
        return new HttpBackend(new InetSocketAddress(address, 0), replies);
    }

    /** Starts on a given address and port, e.g. again where a closed backend was ("the server came back"). */
    public static HttpBackend startOn(InetSocketAddress address, Function<RecordedRequest, Reply> replies)
            throws IOException {
        return new HttpBackend(address, replies);
    }

    public void reply(Function<RecordedRequest, Reply> replies) {
        this.replies = replies;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many TCP connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Waits up to 10 s for the next recorded request. */
    public RecordedRequest take() throws InterruptedException {
        RecordedRequest r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("backend " + address() + " received no request within 10 s");
        }
        return r;
    }

    /** The next recorded request if one arrives within the wait, else null. */
    public RecordedRequest poll(Duration wait) throws InterruptedException {
        return requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int pending() {
        return requests.size();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                int id = connections.incrementAndGet();
                open.add(s);
                Thread.ofVirtual().name("http-backend-conn-" + id).start(() -> serve(s, id));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int id) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String remote = s.getInetAddress().getHostAddress() + ":" + s.getPort();
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                List<String> lines = new ArrayList<>();
                for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                    lines.add(line);
                }
                RecordedRequest head = new RecordedRequest(requestLine, lines, new byte[0], remote, id);
                if ("100-continue".equalsIgnoreCase(String.valueOf(head.header("Expect")))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                byte[] body = readBody(in, head);
                RecordedRequest request = new RecordedRequest(requestLine, lines, body, remote, id);
                requests.add(request);
                Reply reply = replies.apply(request);
                boolean keep = answer(out, reply, request);
                if (!keep) {
                    return;
                }
            }
        } catch (IOException e) {
            // the peer went away; nothing to record
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(s);
        }
    }

    private static boolean answer(OutputStream out, Reply reply, RecordedRequest request)
            throws IOException, InterruptedException {
        switch (reply) {
            case Reply.Hang h -> {
                Thread.sleep(Long.MAX_VALUE);
                return false;
            }
            case Reply.Close c -> {
                return false;
            }
            case Reply.Garbage g -> {
                out.write(g.bytes());
                out.flush();
                return false;
            }
            case Reply.Respond r -> {
                if (!r.delay().isZero()) {
                    Thread.sleep(r.delay().toMillis());
                }
                boolean close = r.close() || "close".equalsIgnoreCase(String.valueOf(request.header("Connection")));
                StringBuilder head = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ')
                        .append(reason(r.status())).append("\r\n");
                for (String line : r.headerLines()) {
                    head.append(line).append("\r\n");
                }
                boolean bodyless = request.method().equals("HEAD") || r.status() == 204 || r.status() == 304;
                if (r.chunked()) {
                    head.append("Transfer-Encoding: chunked\r\n");
                } else if (!bodyless || r.status() != 204) {
                    head.append("Content-Length: ").append(r.body().length).append("\r\n");
                }
                if (close) {
                    head.append("Connection: close\r\n");
                }
                head.append("\r\n");
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (!bodyless) {
                    if (r.chunked()) {
                        byte[] b = r.body();
                        if (b.length > 0) {
                            out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            out.write(b);
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        out.write(r.body());
                    }
                }
                out.flush();
                return !close;
            }
        }
    }

    private static byte[] readBody(InputStream in, RecordedRequest head) throws IOException {
        String te = head.header("Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    throw new IOException("eof in chunk size");
                }
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
                if (size == 0) {
                    for (String t = readLine(in); t != null && !t.isEmpty(); t = readLine(in)) {
                        // trailers are dropped
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }
        String cl = head.header("Content-Length");
        if (cl != null) {
            return in.readNBytes(Integer.parseInt(cl.strip()));
        }
        return new byte[0];
    }

    /** Reads one line up to LF, dropping a CR before it; null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (SocketException ignored) {
                // already gone
            } catch (IOException ignored) {
                // already gone
            }
        }
        acceptor.interrupt();
    }
}
