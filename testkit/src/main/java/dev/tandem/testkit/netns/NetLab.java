package dev.tandem.testkit.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throw-away Ethernet segment for system tests: a bridge {@code br0} (multicast snooping off, STP off) in
 * its own "switch" namespace, and hosts {@code a}, {@code b}, ... each in a namespace joined to it by a veth
 * pair. Host n has MAC 02:00:00:00:00:(10+n), 192.0.2.(10+n)/24 and 2001:db8::(10+n)/64, DAD off
 * (accept_dad=0), arp_accept=1 so a gratuitous ARP creates a neighbour entry, and keep_addr_on_down=1 so a
 * link flap keeps the IPv6 addresses (the kernel default flushes them). An unsolicited NA only updates an
 * existing entry on a non-forwarding host (RFC 4861 §7.2.5), so a test seeds one first.
 *
 * <p>Namespace names are {@code tdm-<pid>-<random>-<host>}. {@link #close()} removes them, and a shutdown hook
 * does too if the test forgets; a run killed with SIGKILL leaves them behind, and the next {@link #start}
 * removes every {@code tdm-} namespace whose owner pid is dead. Needs root: without it {@link #start} fails
 * with a message saying so, so a CI job without privileges fails instead of passing silently.
 */
public final class NetLab implements AutoCloseable {
    /** Every lab namespace starts with this, followed by the owner's pid. */
    public static final String PREFIX = "tdm-";
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");
    private static final Path NETNS_DIR = Path.of("/run/netns");
    private static final int MAX_HOSTS = 26;

    private final String id;
    private final String switchNamespace;
    private final List<LabHost> hosts = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private NetLab(String id) {
        this.id = id;
        this.switchNamespace = id + "-sw";
        this.shutdownHook = Thread.ofPlatform().unstarted(this::teardown);
    }

    /** Creates a lab with {@code hostCount} hosts named a, b, c, ... */
    public static NetLab start(int hostCount) {
        if (hostCount < 1 || hostCount > MAX_HOSTS) {
            throw new IllegalArgumentException("a lab has 1 to " + MAX_HOSTS + " hosts, asked for " + hostCount);
        }
        requireRoot();
        removeStale();
        String id = PREFIX + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        NetLab lab = new NetLab(id);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.build(hostCount);
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private void build(int hostCount) {
        run("ip", "netns", "add", switchNamespace);
        batch(switchNamespace, """
                link set lo up
                link add br0 type bridge mcast_snooping 0 stp_state 0
                link set br0 up
                """);
        // Keep the switch itself silent on IPv6 (no RS/MLD from the bridge port addresses).
        writeSysctlViaExec(switchNamespace, "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        for (int n = 1; n <= hostCount; n++) {
            String hostName = String.valueOf((char) ('a' + n - 1));
            String ns = id + "-" + hostName;
            run("ip", "netns", "add", ns);
            LabHost host = new LabHost(hostName, ns, n, switchNamespace);
            hosts.add(host);
            // default.* first, so eth0 inherits them when it appears in the namespace.
            writeSysctlViaExec(ns,
                    "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                    "net.ipv4.conf.all.arp_accept=1", "net.ipv4.conf.default.arp_accept=1",
                    "net.ipv6.conf.all.keep_addr_on_down=1", "net.ipv6.conf.default.keep_addr_on_down=1");
            run("ip", "link", "add", LabHost.INTERFACE, "netns", ns, "address", host.macString(), "type", "veth",
                    "peer", "name", host.switchPort(), "netns", switchNamespace);
            batch(switchNamespace, "link set " + host.switchPort() + " master br0 up\n");
            batch(ns, "link set lo up\n"
                    + "link set " + LabHost.INTERFACE + " up\n"
                    + "addr add " + host.ipv4().getHostAddress() + "/24 dev " + LabHost.INTERFACE + "\n"
                    + "addr add " + host.ipv6().getHostAddress() + "/64 dev " + LabHost.INTERFACE + " nodad\n");
        }
        // Carrier comes up asynchronously; a test's first packet must not race it.
        hosts.forEach(LabHost::awaitCarrier);
    }

    public List<LabHost> hosts() {
        return List.copyOf(hosts);
    }

    /** A host by its short name, e.g. {@code host("a")}. */
    public LabHost host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host '" + name + "' in this lab; hosts are "
                        + hosts.stream().map(LabHost::name).toList()));
    }

    /** The namespace holding the bridge. */
    public String switchNamespace() {
        return switchNamespace;
    }

    /** Namespaces this lab created (switch first). */
    public List<String> namespaces() {
        List<String> all = new ArrayList<>();
        all.add(switchNamespace);
        hosts.forEach(h -> all.add(h.namespace()));
        return all;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or about to, and teardown is idempotent.
        }
        teardown();
    }

    private void teardown() {
        hosts.forEach(LabHost::close);
        for (String ns : namespaces()) {
            if (Files.exists(NETNS_DIR.resolve(ns))) {
                Exec.run(List.of("ip", "netns", "del", ns), null, Exec.DEFAULT_TIMEOUT);
            }
        }
    }

    /**
     * Deletes lab namespaces left by runs that died without cleaning up: those with the {@value #PREFIX}
     * prefix whose owner pid is no longer alive. Returns the names removed.
     */
    public static List<String> removeStale() {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(NETNS_DIR)) {
            return removed;
        }
        try (Stream<Path> entries = Files.list(NETNS_DIR)) {
            for (Path entry : entries.sorted().toList()) {
                String ns = entry.getFileName().toString();
                Matcher m = OWNED.matcher(ns);
                if (!m.matches() || ownerAlive(m.group(1))) {
                    continue;
                }
                if (Exec.run(List.of("ip", "netns", "del", ns), null, Exec.DEFAULT_TIMEOUT).ok()) {
                    removed.add(ns);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + NETNS_DIR + ": " + e.getMessage(), e);
        }
        return removed;
    }

    private static boolean ownerAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours to judge
        }
    }

    static void requireRoot() {
        List<String> status;
        try {
            status = Files.readAllLines(Path.of("/proc/self/status"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status: " + e.getMessage(), e);
        }
        privilegeProblem(status).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        if (!Exec.run(List.of("ip", "-V"), null, Exec.DEFAULT_TIMEOUT).ok()) {
            throw new IllegalStateException("network-namespace tests need iproute2's 'ip' on the PATH"
                    + " (Debian: apt-get install iproute2)");
        }
    }

    /** Why this process cannot build a lab, judged from /proc/self/status, or empty if it can. */
    static Optional<String> privilegeProblem(List<String> procStatus) {
        String uid = procStatus.stream().filter(l -> l.startsWith("Uid:")).findFirst()
                .map(l -> l.split("\\s+")).filter(f -> f.length > 2).map(f -> f[2]).orElse("unknown");
        if ("0".equals(uid)) {
            return Optional.empty();
        }
        return Optional.of("network-namespace tests need root (effective uid " + uid + "): they create namespaces,"
                + " veth pairs and a bridge with iproute2. Run them as root, e.g. sudo ./test, or in a privileged"
                + " container.");
    }

    private static void run(String... command) {
        Exec.run(List.of(command), null, Exec.DEFAULT_TIMEOUT).requireSuccess();
    }

    private static void batch(String namespace, String commands) {
        Exec.run(List.of("ip", "-n", namespace, "-batch", "-"), commands, Exec.DEFAULT_TIMEOUT).requireSuccess();
    }

    private static void writeSysctlViaExec(String namespace, String... settings) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "sysctl", "-q", "-w"));
        argv.addAll(List.of(settings));
        Exec.run(argv, null, Exec.DEFAULT_TIMEOUT).requireSuccess();
    }

    @Override
    public String toString() {
        return "NetLab " + id + " " + hosts;
    }
}
