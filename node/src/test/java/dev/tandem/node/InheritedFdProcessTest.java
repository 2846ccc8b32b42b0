package dev.tandem.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bind "fd@${px}"} with a descriptor that really crosses an exec, as VTest hands haproxy a
 * listening socket per {@code fd@${name}} of a reg-test (haproxy.md §3.2): a launcher opens a
 * listening socket, exports its number in the environment and exec's Tandem's JVM, which adopts
 * it. The JDK cannot hand a descriptor to a child, so python3 plays the launcher.
 */
class InheritedFdProcessTest {

    /** Binds 127.0.0.1:0, prints the port, exports px=<fd> and exec's the rest of argv keeping the fd. */
    private static final String LAUNCHER = """
            import os, socket, sys
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            s.listen(16)
            os.set_inheritable(s.fileno(), True)
            os.environ["px"] = str(s.fileno())
            print(s.getsockname()[1], flush=True)
            os.execvp(sys.argv[1], sys.argv[1:])
            """;

    @TempDir
    Path dir;

    @Test
    void tandemServesOnTheListeningSocketItsLauncherOpened() throws Exception {
        try (HttpBackend app = HttpBackend.start()) {
            Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), """
                    defaults
                        mode http
                        timeout connect 2s
                        timeout client 5s
                        timeout server 5s
                    frontend fe
                        bind "fd@${px}"
                        default_backend app
                    backend app
                        server s1 127.0.0.1:%d
                    """.formatted(app.port()));
            Path log = dir.resolve("tandem.log");
            String java = ProcessHandle.current().info().command().orElseThrow();
            List<String> command = List.of("python3", "-c", LAUNCHER, java, "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run", "-f", cfg.toString());
            Process tandem = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                int port = await().atMost(Duration.ofSeconds(30)).until(() -> firstLine(log), l -> !l.isEmpty())
                        .transform(Integer::parseInt);
                AtomicReference<String> answer = new AtomicReference<>("");
                // the JVM may take seconds to start on a busy machine; the socket queues the connection meanwhile
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .untilAsserted(() -> {
                    assertThat(tandem.isAlive()).as("tandem is running; its output:%n%s", Files.readString(log)).isTrue();
                    answer.set(get(port));
                    assertThat(answer.get()).startsWith("HTTP/1.1 200");
                });
                assertThat(get(port)).as("the listener keeps accepting").startsWith("HTTP/1.1 200");
                assertThat(app.take().uri()).isEqualTo("/through-fd");
            } catch (Throwable t) {
                t.addSuppressed(new AssertionError("tandem's output:\n" + Files.readString(log)));
                throw t;
            } finally {
                tandem.destroy();
                if (!tandem.waitFor(20, TimeUnit.SECONDS)) {
                    tandem.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String firstLine(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return lines.isEmpty() ? "" : lines.getFirst().strip();
    }

    private static String get(int port) throws IOException {
        try (RawHttpClient c = RawHttpClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            c.send("GET /through-fd HTTP/1.1\r\nHost: example\r\n\r\n");
            return c.readResponse();
        }
    }
}
