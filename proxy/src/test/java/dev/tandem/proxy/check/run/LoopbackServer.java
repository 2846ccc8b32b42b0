package dev.tandem.proxy.check.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A raw TCP server on 127.0.0.1 that can be stopped (connects are then refused) and started again
 * on the same port, as a crashed and restarted application server. Each connection's bytes go
 * to {@code answer} once they arrive; a non-null answer is written and the connection closed, a
 * null one keeps reading.
 */
final class LoopbackServer implements AutoCloseable {

    private final int port;
    private final UnaryOperator<byte[]> answer;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<byte[]> firstReads = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket socket;

    private LoopbackServer(int port, UnaryOperator<byte[]> answer) throws IOException {
        this.answer = answer;
        this.socket = bind(port);
        this.port = socket.getLocalPort();
        acceptIn(socket);
    }

    /** Accepts and keeps each connection open, answering nothing (enough for a connect check). */
    static LoopbackServer silent() throws IOException {
        return new LoopbackServer(0, in -> null);
    }

    static LoopbackServer answering(UnaryOperator<byte[]> answer) throws IOException {
        return new LoopbackServer(0, answer);
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        return s;
    }

    private void acceptIn(ServerSocket s) {
        Thread.ofVirtual().name("loopback-accept-" + port).start(() -> {
            while (!s.isClosed()) {
                try {
                    Socket c = s.accept();
                    connections.incrementAndGet();
                    open.add(c);
                    Thread.ofVirtual().start(() -> serve(c));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket c) {
        try (c) {
            InputStream in = c.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            boolean first = true;
            int n;
            while ((n = in.read(buf)) != -1) {
                seen.write(buf, 0, n);
                if (first) {
                    firstReads.add(seen.toByteArray());
                    first = false;
                }
                byte[] reply = answer.apply(seen.toByteArray());
                if (reply != null) {
                    c.getOutputStream().write(reply);
                    c.getOutputStream().flush();
                    return;
                }
            }
        } catch (IOException e) {
            // the check closed first
        } finally {
            open.remove(c);
        }
    }

    int port() {
        return port;
    }

    int connections() {
        return connections.get();
    }

    /** The bytes of each connection's first read, in arrival order. */
    List<byte[]> firstReads() {
        return List.copyOf(firstReads);
    }

    /** Closes the listener and every connection: new connects are refused. */
    void stop() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** Listens again on the same port. */
    void restart() throws IOException {
        socket = bind(port);
        acceptIn(socket);
    }

    @Override
    public void close() {
        stop();
    }
}
