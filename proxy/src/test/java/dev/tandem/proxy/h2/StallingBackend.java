package dev.tandem.proxy.h2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-connection HTTP/1.1 origin for backpressure tests: after the request head it either
 * streams a huge body, counting what the kernel accepted ({@link #written()}), or never reads
 * again, so whatever the proxy sends piles up in front of it.
 */
final class StallingBackend implements AutoCloseable {

    enum Mode { SEND_FOREVER, NEVER_READ }

    static final long BODY = 256L << 20;

    private final ServerSocket server;
    private final AtomicLong written = new AtomicLong();
    private final CountDownLatch headRead = new CountDownLatch(1);
    private volatile Socket socket;

    StallingBackend(Mode mode) throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("stalling-backend").start(() -> serve(mode));
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    long written() {
        return written.get();
    }

    boolean awaitHead() throws InterruptedException {
        return headRead.await(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void serve(Mode mode) {
        try (Socket s = server.accept()) {
            socket = s;
            InputStream in = s.getInputStream();
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
            }
            headRead.countDown();
            if (mode == Mode.NEVER_READ) {
                Thread.sleep(Long.MAX_VALUE);
            }
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            while (written.get() < BODY) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
    }
}
