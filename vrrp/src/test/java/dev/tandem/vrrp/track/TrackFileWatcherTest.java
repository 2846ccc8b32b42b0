package dev.tandem.vrrp.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackFileWatcherTest {
    @TempDir
    Path dir;

    @Test
    void reportsFirstValueThenEachChangeOfTheNumberInTheFile() throws IOException {
        Path f = dir.resolve("prio");
        Files.writeString(f, "3\n");
        List<Long> values = new CopyOnWriteArrayList<>();
        try (TrackFileWatcher w = new TrackFileWatcher(Map.of("prio", f), Duration.ofMillis(20),
                (n, st) -> values.add(st.value()), line -> { })) {
            w.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> values.contains(3L));
            Files.writeString(f, "-7\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> values.contains(-7L));
            Files.delete(f);
            await().atMost(Duration.ofSeconds(10)).until(() -> values.size() == 3);
        }
        // keepalived.conf(5) vrrp_track_file: a missing file counts as 0.
        assertThat(values).containsExactly(3L, -7L, 0L);
    }
}
