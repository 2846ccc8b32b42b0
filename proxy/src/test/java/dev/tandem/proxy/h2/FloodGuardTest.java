package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The flood guard on an injected clock: per-kind limits within fixed windows. */
class FloodGuardTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final H2Limits limits = H2Limits.DEFAULTS.withFlood(10, 3, 2, 2, 5);
    private final FloodGuard guard = new FloodGuard(limits, now::get);

    @Test
    void framesUpToTheLimitPassAndTheNextOneCondemns() {
        for (int i = 0; i < 3; i++) {
            assertThat(guard.count(FloodGuard.Frame.RST_STREAM)).isNull();
        }
        assertThat(guard.count(FloodGuard.Frame.RST_STREAM))
                .isEqualTo("too many RST_STREAM frames: more than 3 within 10 s");
    }

    @Test
    void aNewWindowStartsFromZero() {
        guard.count(FloodGuard.Frame.PING);
        guard.count(FloodGuard.Frame.PING);
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertThat(guard.count(FloodGuard.Frame.PING)).isNull();
        assertThat(guard.count(FloodGuard.Frame.PING)).isNull();
        assertThat(guard.count(FloodGuard.Frame.PING)).isNotNull();
    }

    @Test
    void kindsAreCountedApart() {
        guard.count(FloodGuard.Frame.SETTINGS);
        guard.count(FloodGuard.Frame.SETTINGS);
        assertThat(guard.count(FloodGuard.Frame.PING)).isNull();
        assertThat(guard.count(FloodGuard.Frame.PRIORITY)).isNull();
        assertThat(guard.count(FloodGuard.Frame.SETTINGS)).contains("SETTINGS");
    }

    /** Netty's default for CVE-2023-44487 and ours agree: 200 resets per 30 s. */
    @Test
    void defaultsAreHaproxysTuneH2PlusTheGuards() {
        H2Limits d = H2Limits.DEFAULTS;
        assertThat(d.headerTableSize()).isEqualTo(4096);
        assertThat(d.initialWindowSize()).isEqualTo(65535);
        assertThat(d.maxConcurrentStreams()).isEqualTo(100);
        assertThat(d.maxFrameSize()).isEqualTo(16384);
        assertThat(d.maxHeaderListSize()).isEqualTo(16384 - 1024);
        assertThat(d.maxResets()).isEqualTo(200);
        assertThat(d.floodWindowSeconds()).isEqualTo(30);
    }
}
