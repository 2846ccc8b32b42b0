package dev.tandem.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port a test may bind later without another process taking it first.
 *
 * <p>"Bind port 0, read the number, close, bind again later" races: in between, any outgoing
 * connection on the machine may be given that port, since it came from the kernel's ephemeral
 * range. A lease comes from a range below {@code net.ipv4.ip_local_port_range}, which the kernel
 * never hands to outgoing connections, and is held by an exclusive lock on a file named for the
 * port, so test JVMs running side by side (two {@code ./test} on one machine) never share one.
 * The port is checked bindable on 127.0.0.1 and ::1 when leased. The lock lasts until
 * {@link #close()} or the end of the JVM.
 *
 * <p>Prefer binding port 0 and reading the bound port back where the code under test allows it;
 * leases are for what must be named before it starts: a config file, a peer's command line, or
 * an address that must refuse connections (nothing listens on a leased port that was not bound).
 */
public final class PortLease implements AutoCloseable {

    private static final Path LOCK_DIR = Path.of(System.getProperty("java.io.tmpdir"), "tandem-test-ports");
    private static final int FLOOR = 10_000;
    private static final int CEILING = 20_000;
    private static final int ATTEMPTS = 2_000;

    private final int port;
    private final FileChannel channel;
    private final FileLock lock;

    private PortLease(int port, FileChannel channel, FileLock lock) {
        this.port = port;
        this.channel = channel;
        this.lock = lock;
    }

    /** Leases one port, or fails after {@value #ATTEMPTS} tries with the reason. */
    public static PortLease take() {
        int[] range = range();
        int span = range[1] - range[0];
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < Math.min(ATTEMPTS, span); i++) {
            int port = range[0] + (start + i * 7919) % span;
            PortLease lease = tryLease(port);
            if (lease != null) {
                return lease;
            }
        }
        throw new IllegalStateException("no free port in [" + range[0] + ", " + range[1] + ") after "
                + Math.min(ATTEMPTS, span) + " tries (locks in " + LOCK_DIR + ")");
    }

    /** Leases a port for the rest of this JVM and returns its number. */
    public static int forThisJvm() {
        return take().port;
    }

    public int port() {
        return port;
    }

    /** Gives the port back; closing twice is harmless. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PortLease tryLease(int port) {
        FileChannel channel = null;
        try {
            Files.createDirectories(LOCK_DIR);
            channel = FileChannel.open(LOCK_DIR.resolve(port + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null || !bindable(port)) {
                if (lock != null) {
                    lock.release();
                }
                channel.close();
                return null;
            }
            return new PortLease(port, channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the lease failed already; the close error adds nothing
                }
            }
            throw new UncheckedIOException("cannot lock a test port under " + LOCK_DIR, e);
        }
    }

    private static boolean bindable(int port) {
        for (String host : new String[] {"127.0.0.1", "::1"}) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.ofLiteral(host), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** [FLOOR, CEILING) cut below the ephemeral range when the machine's range starts lower. */
    static int[] range() {
        int low = 32_768;
        try {
            // readAllLines, not readString: JDK 25's readString returned one byte of this procfs file
            String[] r = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim()
                    .split("\\s+");
            low = Integer.parseInt(r[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux or not readable: the kernel's default low bound
        }
        int ceiling = Math.min(CEILING, low);
        int floor = Math.min(FLOOR, ceiling - 1_000);
        if (floor < 1_024) {
            throw new IllegalStateException("net.ipv4.ip_local_port_range starts at " + low
                    + ": no room below it for test ports");
        }
        return new int[] {floor, ceiling};
    }
}
