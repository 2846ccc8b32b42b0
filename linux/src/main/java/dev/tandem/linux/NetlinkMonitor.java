package dev.tandem.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * Link and address notifications (RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR), as keepalived
 * watches them to go FAULT on link down and to notice a VIP removed behind its back (keepalived.md §3.2).
 * One thread polls; {@link #wakeup()} and {@link #close()} may come from any thread.
 */
public final class NetlinkMonitor implements AutoCloseable {
    private final NetlinkSocket socket;

    private NetlinkMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Subscribes in the calling thread's network namespace. */
    public static NetlinkMonitor open() throws LinuxException {
        return new NetlinkMonitor(NetlinkSocket.open(
                Netlink.RTMGRP_LINK | Netlink.RTMGRP_IPV4_IFADDR | Netlink.RTMGRP_IPV6_IFADDR));
    }

    /**
     * The events of the next notification datagram, waiting up to {@code timeoutMillis} (negative: forever).
     * Empty on timeout or wakeup. A kernel overrun comes back as {@link NetlinkEvent.Overrun}.
     */
    public List<NetlinkEvent> poll(long timeoutMillis) throws LinuxException {
        byte[] datagram;
        try {
            datagram = socket.receive(timeoutMillis, "recvmsg(netlink monitor)");
        } catch (LinuxException e) {
            if (e.is(Errno.ENOBUFS)) {
                return List.of(new NetlinkEvent.Overrun());
            }
            throw e;
        }
        if (datagram == null) {
            return List.of();
        }
        List<NetlinkEvent> events = new ArrayList<>();
        for (RtnetlinkCodec.Message m : RtnetlinkCodec.split(datagram, datagram.length)) {
            NetlinkEvent event = RtnetlinkCodec.decodeEvent(m);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    public void wakeup() throws LinuxException {
        socket.wakeup();
    }

    @Override
    public void close() {
        socket.close();
    }
}
