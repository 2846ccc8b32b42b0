package dev.tandem.proxy.h2;

import dev.tandem.testkit.http.RequestHead;
import java.io.IOException;
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
            if (RequestHead.read(s.getInputStream()) == null) {
                return;
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
