package dev.tandem.testkit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 origin on a UNIX socket path (the JDK's UNIX domain socket channels), one
 * virtual thread per connection: it records each request's head (a Content-Length body is read
 * and kept) and answers 200 with a body naming the path. Keep-alive unless the request says close.
 */
public final class UnixHttpBackend implements AutoCloseable {

    private final Path path;
    private final ServerSocketChannel server;
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private UnixHttpBackend(Path path) throws IOException {
        this.path = path;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path), 128);
        Thread.ofVirtual().name("unix-http-backend-accept").start(this::acceptLoop);
    }

    /** Listens at {@code path} (a socket file the test's temporary directory holds). */
    public static UnixHttpBackend start(Path path) throws IOException {
        return new UnixHttpBackend(path);
    }

    public Path path() {
        return path;
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Waits up to 10 s for the next recorded request. */
    public RecordedRequest take() throws InterruptedException {
        RecordedRequest r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("backend " + path + " received no request within 10 s");
        }
        return r;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                int id = connections.incrementAndGet();
                open.add(c);
                Thread.ofVirtual().name("unix-http-backend-conn-" + id).start(() -> serve(c, id));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel c, int id) {
        try (c) {
            InputStream in = Channels.newInputStream(c);
            OutputStream out = Channels.newOutputStream(c);
            while (true) {
                String head = RequestHead.read(in);
                if (head == null) {
                    return;
                }
                List<String> lines = new ArrayList<>(Arrays.asList(head.split("\r\n")));
                String requestLine = lines.removeFirst();
                RecordedRequest bare = new RecordedRequest(requestLine, lines, new byte[0], "unix", id);
                String length = bare.header("Content-Length");
                byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length.strip()));
                RecordedRequest request = new RecordedRequest(requestLine, lines, body, "unix", id);
                requests.add(request);
                boolean close = "close".equalsIgnoreCase(String.valueOf(request.header("Connection")));
                byte[] answer = ("unix backend " + path).getBytes(StandardCharsets.UTF_8);
                String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + answer.length
                        + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
                out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                if (!request.method().toUpperCase(Locale.ROOT).equals("HEAD")) {
                    out.write(answer);
                }
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // the peer went away; nothing to record
        } finally {
            open.remove(c);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : open) {
            c.close();
        }
        Files.deleteIfExists(path);
    }
}
