package dev.tandem.testkit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw TCP backend on loopback that echoes every byte back and, when the client half-closes,
 * half-closes its own side after the echo, so relays can be tested for half-close.
 */
public final class TcpEchoBackend implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger halfClosed = new AtomicInteger();

    private TcpEchoBackend(InetAddress address) throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(address, 0), 128);
        Thread.ofVirtual().name("tcp-echo-accept").start(this::acceptLoop);
    }

    public static TcpEchoBackend start() throws IOException {
        return new TcpEchoBackend(InetAddress.getLoopbackAddress());
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public int connections() {
        return connections.get();
    }

    /** Bytes echoed so far over all connections. */
    public long bytes() {
        return bytes.get();
    }

    /** How many clients half-closed their sending side (EOF seen while the socket stayed open). */
    public int halfClosed() {
        return halfClosed.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                open.add(s);
                Thread.ofVirtual().start(() -> echo(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) != -1) {
                out.write(buf, 0, n);
                out.flush();
                bytes.addAndGet(n);
            }
            halfClosed.incrementAndGet();
            s.shutdownOutput();
        } catch (IOException e) {
            // the peer reset; nothing to do
        } finally {
            open.remove(s);
        }
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
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
