package dev.tandem.vrrp.io;

import dev.tandem.linux.GratuitousArp;
import dev.tandem.linux.LinuxException;
import dev.tandem.linux.PacketSocket;
import dev.tandem.linux.Sysctl;
import dev.tandem.linux.UnsolicitedNeighbourAdvert;
import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.Vip;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the gratuitous ARP / unsolicited NA bursts of a takeover (keepalived vrrp_arp.c, vrrp_ndisc.c;
 * keepalived.md §3.3-3.4). The first frame of every VIP goes out at once from the engine thread, right after
 * the VIP was acknowledged by netlink; repeats spaced by vrrp_garp_interval / vrrp_gna_interval go out from a
 * timer thread so the engine never sleeps.
 */
final class Announcer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);

    private final PacketSocket socket;
    private final Interfaces interfaces;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("vrrp-garp").factory());

    Announcer(PacketSocket socket, Interfaces interfaces) {
        this.socket = socket;
        this.interfaces = interfaces;
    }

    /**
     * Sends one local-experimental frame (EtherType 0x88B5, IEEE 802 "local experimental") out of the loopback
     * interface, so the first real GARP does not pay for class loading and FFM linking: measured ~150 ms in a
     * fresh JVM, all of it on the takeover path.
     */
    void warmUp(int loopbackIndex) {
        byte[] frame = new byte[60];
        frame[12] = (byte) 0x88;
        frame[13] = (byte) 0xb5;
        try {
            socket.send(loopbackIndex, frame);
            GratuitousArp.frame(new byte[6], (Inet4Address) java.net.InetAddress.ofLiteral("192.0.2.1"));
            UnsolicitedNeighbourAdvert.frame(new byte[6], (Inet6Address) java.net.InetAddress.ofLiteral("2001:db8::1"),
                    false);
        } catch (LinuxException e) {
            LOG.debug("GARP warm-up on loopback: {}", e.getMessage());
        }
    }

    void announce(Action.SendGratuitous g) {
        for (int round = 0; round < g.repeat(); round++) {
            for (Vip v : g.vips()) {
                Duration spacing = v.ipv6() ? g.naInterval() : g.arpInterval();
                long delayNanos = spacing.toNanos() * round;
                String device = VipAddresses.device(g.interfaceName(), v);
                if (delayNanos == 0) {
                    send(device, v);
                } else {
                    timer.schedule(() -> send(device, v), delayNanos, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    private void send(String device, Vip v) {
        byte[] mac = interfaces.mac(device);
        try {
            byte[] frame = v.address() instanceof Inet4Address a4
                    ? GratuitousArp.frame(mac, a4)
                    : UnsolicitedNeighbourAdvert.frame(mac, (Inet6Address) v.address(), forwarding(device));
            socket.send(interfaces.index(device), frame);
        } catch (LinuxException e) {
            LOG.warn("gratuitous {} for {} not sent: {}", v.ipv6() ? "NA" : "ARP", v.address().getHostAddress(),
                    e.getMessage());
        }
    }

    /** RFC 4861 §4.4 Router flag: set when the interface forwards, or hosts drop us as a default router. */
    private static boolean forwarding(String device) {
        try {
            return Sysctl.ipv6Forwarding(device);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
