package dev.tandem.node.demo;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A demo application server for {@code tandem demo}: answers every request with its own name and
 * the request head exactly as it arrived (header names in the case the proxy sent), so the
 * proxy's X-Forwarded-For, X-Forwarded-Proto and X-Real-IP are visible in the browser. Blocking
 * sockets on virtual threads: this is a demo backend, not the data plane.
 */
public final class DemoApp implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;

    private final String name;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private DemoApp(String name, ServerSocket server) {
        this.name = name;
        this.server = server;
    }

    /** Starts on 127.0.0.1 on a free port. */
    public static DemoApp start(String name) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        DemoApp app = new DemoApp(name, server);
        app.threads.submit(app::acceptLoop);
        return app;
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.submit(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                long length = contentLength(head);
                in.skipNBytes(length);
                boolean close = head.toLowerCase(Locale.ROOT).contains("\nconnection: close");
                String body = "Hello from " + name + " (" + address().getAddress().getHostAddress() + ":"
                        + address().getPort() + ")\n\n" + head;
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nX-Served-By: " + name
                        + "\r\nContent-Length: " + bytes.length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
                out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent what a demo does not understand: drop the connection
        }
    }

    /** The request line and headers up to the blank line, with CRLF turned into LF; null at EOF. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = -1;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                continue;
            }
            if (c == '\n' && last == '\n') {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(c);
            last = c;
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head too large");
            }
        }
        return null;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket does not fail in a way worth reporting
        }
        threads.shutdownNow();
    }
}
