package dev.tandem.vrrp.io;

import dev.tandem.linux.Interface;
import dev.tandem.linux.IpFamily;
import dev.tandem.linux.LinuxException;
import dev.tandem.linux.RawSocket;
import dev.tandem.linux.ReceivedPacket;
import dev.tandem.vrrp.Received;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receive and one send socket for VRRP on one interface and family, multicast or bound to a unicast source:
 * keepalived's "sockpool" entry (keepalived.md §3.1). A platform thread blocks in poll(2) on the receive socket
 * (FFM calls pin virtual threads) and hands each datagram to the engine thread.
 */
final class AdvertChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdvertChannel.class);
    static final InetAddress GROUP_V4 = InetAddress.ofLiteral("224.0.0.18");
    static final InetAddress GROUP_V6 = InetAddress.ofLiteral("ff02::12");

    /** What identifies a pool entry: instances sharing it share the sockets. */
    record Key(String interfaceName, boolean ipv6, boolean unicast, InetAddress source) {
    }

    private final Key key;
    private final RawSocket rx;
    private final RawSocket tx;
    private final Thread receiver;
    private volatile boolean closing;

    private AdvertChannel(Key key, RawSocket rx, RawSocket tx, Consumer<Received> sink) {
        this.key = key;
        this.rx = rx;
        this.tx = tx;
        this.receiver = Thread.ofPlatform().daemon().name("vrrp-rx-" + key.interfaceName() + (key.ipv6() ? "-v6" : "-v4"))
                .unstarted(() -> receiveLoop(sink));
    }

    static AdvertChannel open(Key key, Interface nic, Consumer<Received> sink) throws LinuxException {
        RawSocket rx = key.unicast()
                ? RawSocket.openUnicastReceiver(nic, key.source(), RawSocket.IPPROTO_VRRP)
                : RawSocket.openMulticastReceiver(nic, key.ipv6() ? GROUP_V6 : GROUP_V4, RawSocket.IPPROTO_VRRP);
        RawSocket tx;
        try {
            tx = RawSocket.openSender(nic, key.ipv6() ? IpFamily.IPV6 : IpFamily.IPV4,
                    key.source().isAnyLocalAddress() ? null : key.source(), RawSocket.IPPROTO_VRRP,
                    RawSocket.SendOptions.KEEPALIVED);
        } catch (LinuxException | RuntimeException e) {
            rx.close();
            throw e;
        }
        AdvertChannel c = new AdvertChannel(key, rx, tx, sink);
        c.receiver.start();
        return c;
    }

    /**
     * Sends one invalid (version 0) protocol-112 datagram to 127.0.0.1 over loopback, which every VRRP
     * receiver drops, so that the first real advert of a takeover does not pay for class loading and FFM
     * linking in a fresh JVM (the same cost measured ~150 ms on the GARP path).
     */
    static void warmUp(Interface loopback) {
        InetAddress localhost = InetAddress.ofLiteral("127.0.0.1");
        try (RawSocket tx = RawSocket.openSender(loopback, IpFamily.IPV4, localhost, RawSocket.IPPROTO_VRRP,
                RawSocket.SendOptions.KEEPALIVED)) {
            tx.send(new byte[8], localhost);
        } catch (LinuxException | RuntimeException e) {
            LOG.debug("advert warm-up on loopback: {}", e.getMessage());
        }
    }

    Key key() {
        return key;
    }

    /** Sends one encoded VRRP message; a full socket buffer loses this advert only, as a lost packet would. */
    void send(byte[] payload, InetAddress destination) {
        try {
            if (!tx.send(payload, destination)) {
                LOG.warn("VRRP advert to {} on {} dropped: socket buffer full", destination.getHostAddress(),
                        key.interfaceName());
            }
        } catch (LinuxException e) {
            // ENETDOWN while the link is down is expected; the engine goes FAULT from the link event.
            LOG.warn("VRRP advert not sent: {}", e.getMessage());
        }
    }

    private void receiveLoop(Consumer<Received> sink) {
        while (!closing) {
            Optional<ReceivedPacket> p;
            try {
                p = rx.receive(-1);
            } catch (LinuxException e) {
                if (!closing) {
                    LOG.warn("VRRP receive on {} failed: {}", key.interfaceName(), e.getMessage());
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
                continue;
            }
            if (p.isEmpty() || p.get().truncated()) {
                continue;
            }
            ReceivedPacket packet = p.get();
            InetAddress destination = packet.destination() != null ? packet.destination()
                    : key.unicast() ? key.source() : key.ipv6() ? GROUP_V6 : GROUP_V4;
            sink.accept(new Received(packet.payload(), packet.source(), destination, packet.ttl(),
                    key.interfaceName()));
        }
    }

    @Override
    public void close() {
        closing = true;
        rx.close();
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tx.close();
    }
}
