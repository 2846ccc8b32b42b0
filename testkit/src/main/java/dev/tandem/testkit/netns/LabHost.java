package dev.tandem.testkit.netns;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One host of a {@link NetLab}: a network namespace with loopback up and one veth interface, {@code eth0},
 * plugged into the lab's bridge, with a fixed MAC, an IPv4 and an IPv6 address, DAD off and arp_accept on.
 */
public final class LabHost implements AutoCloseable {
    /** The host's interface name inside its namespace. */
    public static final String INTERFACE = "eth0";

    private final String name;
    private final String namespace;
    private final int number;
    private final String switchNamespace;
    private final NamespaceThread thread;

    LabHost(String name, String namespace, int number, String switchNamespace) {
        this.name = name;
        this.namespace = namespace;
        this.number = number;
        this.switchNamespace = switchNamespace;
        this.thread = new NamespaceThread(namespace);
    }

    /** The short name given in the lab, e.g. {@code a}. */
    public String name() {
        return name;
    }

    /** The namespace under /run/netns, e.g. {@code tdm-4242-1a2b-a}. */
    public String namespace() {
        return namespace;
    }

    public String interfaceName() {
        return INTERFACE;
    }

    /** {@code 02:00:00:00:00:NN}: locally administered, NN = 10 + the host's number, read as hex. */
    public byte[] mac() {
        return new byte[] {2, 0, 0, 0, 0, (byte) Integer.parseInt(Integer.toString(10 + number), 16)};
    }

    public String macString() {
        return HexFormat.ofDelimiter(":").formatHex(mac());
    }

    /** 192.0.2.NN (NN = 10 + the host's number), prefix /24. */
    public InetAddress ipv4() {
        return literal("192.0.2." + (10 + number));
    }

    /** 2001:db8::NN, prefix /64. */
    public InetAddress ipv6() {
        return literal("2001:db8::" + (10 + number));
    }

    /** The EUI-64 link-local address the kernel derives from {@link #mac()}, e.g. fe80::ff:fe00:11. */
    public InetAddress linkLocal() {
        byte[] m = mac();
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        a[8] = (byte) (m[0] ^ 0x02);
        a[9] = m[1];
        a[10] = m[2];
        a[11] = (byte) 0xff;
        a[12] = (byte) 0xfe;
        a[13] = m[3];
        a[14] = m[4];
        a[15] = m[5];
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code command} inside the host ({@code ip netns exec}) and returns its exit code and output. */
    public ExecResult exec(String... command) {
        return exec(Duration.ofSeconds(20), command);
    }

    public ExecResult exec(Duration timeout, String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(List.of(command));
        return Exec.run(argv, null, timeout);
    }

    /**
     * Starts {@code command} inside the host in the background ({@code ip netns exec} execs it, so the
     * returned process is the command itself), appending its stdout and stderr to {@code log}. The caller
     * stops it, e.g. {@code destroy()} then a bounded {@code waitFor}.
     */
    public Process spawn(Path log, String... command) throws IOException {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(List.of(command));
        return new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /**
     * Runs {@code code} on this host's own platform thread, which entered the namespace with setns(2): raw,
     * netlink and Netty sockets created there belong to this host, as do threads it starts.
     *
     * <p>Beware: {@code /proc/net} is {@code /proc/self/net}, the view of the process's main thread, so
     * anything reading it (e.g. {@link java.net.NetworkInterface}'s IPv6 addresses) sees the root namespace.
     * Read {@code /proc/thread-self/net} instead, or ask netlink.
     */
    public <T> T call(Callable<T> code) throws Exception {
        return thread.call(code);
    }

    /** The neighbour table as {@code ip neigh show dev eth0} prints it. */
    public String neighbours() {
        return ip("neigh", "show", "dev", INTERFACE).stdout();
    }

    public void linkDown() {
        ip("link", "set", INTERFACE, "down");
    }

    /** Sets eth0 up and waits (at most 5 s) for the carrier, so the link is usable when this returns. */
    public void linkUp() {
        ip("link", "set", INTERFACE, "up");
        awaitCarrier();
    }

    void awaitCarrier() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!linkFlags().contains("LOWER_UP")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(INTERFACE + " in " + namespace + " has no carrier 5 s after link up: "
                        + linkFlags());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for carrier on " + namespace, e);
            }
        }
    }

    /** The flags {@code ip link} shows for eth0, e.g. {@code BROADCAST,MULTICAST,UP,LOWER_UP}. */
    public String linkFlags() {
        String line = ip("-o", "link", "show", INTERFACE).stdout();
        int open = line.indexOf('<');
        int close = line.indexOf('>');
        return open >= 0 && close > open ? line.substring(open + 1, close) : "";
    }

    /**
     * Pulls the cable: sets the switch-side end of the veth down, so eth0 stays administratively up but loses
     * carrier (no IFF_RUNNING, NO-CARRIER), as when a peer or a switch port dies.
     */
    public void unplug() {
        Exec.run(List.of("ip", "-n", switchNamespace, "link", "set", switchPort(), "down"), null,
                Exec.DEFAULT_TIMEOUT).requireSuccess();
    }

    /** Plugs the cable back in and waits (at most 5 s) for carrier. */
    public void plug() {
        Exec.run(List.of("ip", "-n", switchNamespace, "link", "set", switchPort(), "up"), null,
                Exec.DEFAULT_TIMEOUT).requireSuccess();
        awaitCarrier();
    }

    /** The bridge port of this host in the switch namespace. */
    public String switchPort() {
        return "p" + name;
    }

    /** {@code ip -n <namespace> args...}, failing on a non-zero exit. */
    public ExecResult ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", namespace));
        argv.addAll(List.of(args));
        return Exec.run(argv, null, Exec.DEFAULT_TIMEOUT).requireSuccess();
    }

    @Override
    public void close() {
        thread.close();
    }

    @Override
    public String toString() {
        return name + " (" + namespace + ", " + ipv4().getHostAddress() + ", " + macString() + ")";
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.ofLiteral(ip);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
