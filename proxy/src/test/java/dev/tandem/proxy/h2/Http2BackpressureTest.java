package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.proxy.BusyLoops;
import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.model.Frontend;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * No body is ever held whole: with HTTP/2 flow control on the client side and read-after-write on
 * the server side, a stalled peer stops the other one after a bounded amount (a window, a read
 * batch and the kernel's socket buffers), never after the 256 MiB the body has.
 */
class Http2BackpressureTest {

    /** Far below the body, far above windows plus loopback socket buffers. */
    private static final long BOUND = 48L << 20;

    /** Waits until {@code value} stops moving between two polls. */
    private static long settled(java.util.function.LongSupplier value) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(700)).until(() -> {
            long now = value.getAsLong();
            return now > 0 && now == last.getAndSet(now);
        });
        return last.get();
    }

    /** The client never opens its window beyond the initial 65535: the server gets read no further. */
    @Test
    void downloadStopsWhenTheClientStopsReading() throws Exception {
        try (StallingBackend origin = new StallingBackend(StallingBackend.Mode.SEND_FOREVER)) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", origin.address()));
                    RawH2Client c = new RawH2Client(proxy.boundAddresses().get(0))) {
                c.settingsAck().headers(1, RawH2Client.get("/big", "x"), true).flush();
                assertThat(origin.awaitHead()).isTrue();
                long sent = settled(origin::written);
                assertThat(sent).as("bytes the origin got rid of").isLessThan(BOUND);
            }
        }
    }

    /** The origin never reads the body: the proxy stops granting window to the uploading client. */
    @Test
    void uploadStopsWhenTheServerStopsReading() throws Exception {
        try (StallingBackend origin = new StallingBackend(StallingBackend.Mode.NEVER_READ)) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", origin.address()));
                    RawH2Client c = new RawH2Client(proxy.boundAddresses().get(0))) {
                c.settingsAck().headers(1, new DefaultHttp2Headers().method("POST").path("/up").scheme("http")
                        .authority("x"), false).flush();
                assertThat(origin.awaitHead()).isTrue();
                AtomicLong sent = new AtomicLong();
                // an honest sender: DATA only within the windows the proxy grants (RFC 9113 §6.9)
                long connection = 65535;
                long stream = 65535;
                byte[] chunk = new byte[16384];
                AtomicLong last = new AtomicLong(-1);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline) {
                    while (connection > 0 && stream > 0) {
                        int n = (int) Math.min(chunk.length, Math.min(connection, stream));
                        c.data(1, java.util.Arrays.copyOf(chunk, n), false);
                        connection -= n;
                        stream -= n;
                        sent.addAndGet(n);
                    }
                    c.flush();
                    RawH2Client.Frame f = c.next(700);
                    if (f == null) {
                        if (sent.get() == last.getAndSet(sent.get())) {
                            break; // no window granted during a whole poll: the upload is held
                        }
                        continue;
                    }
                    if (f.type() == 0x8) {
                        int inc = ByteBuffer.wrap(f.payload()).getInt() & 0x7fffffff;
                        if (f.stream() == 0) {
                            connection += inc;
                        } else if (f.stream() == 1) {
                            stream += inc;
                        }
                    }
                    assertThat(sent.get()).as("bytes the proxy let the client send").isLessThan(BOUND);
                }
                assertThat(sent.get()).isGreaterThan(0).isLessThan(BOUND);
            }
        }
    }

    /**
     * The proxy stops while a download waits for the client to open its window, and its loops are
     * busy at the moment they are shut down: the client connection is closed all the same, and the
     * DATA queued for it is released (the leak check fails the test otherwise). Netty's loop
     * shutdown alone left such a connection open with its data (CI's leak detector, 2026-12-06;
     * see ClientConnections).
     */
    @Test
    void stoppingWhileADownloadWaitsForWindowClosesTheConnectionAndReleasesItsData() throws Exception {
        try (StallingBackend origin = new StallingBackend(StallingBackend.Mode.SEND_FOREVER)) {
            Frontend fe = Models.frontend("fe", "app", Models.v4());
            ProxyServer proxy = Models.start(fe, Models.backend("app", origin.address()));
            try (RawH2Client c = new RawH2Client(proxy.boundAddresses().get(0))) {
                c.settingsAck().headers(1, RawH2Client.get("/big", "x"), true).flush();
                assertThat(origin.awaitHead()).isTrue();
                settled(origin::written);
                BusyLoops.stopWhileBusy(proxy);
                assertThat(c.closedByServer(3000)).as("the stopped proxy closed the connection").isTrue();
            } finally {
                proxy.close();
            }
        }
    }
}
