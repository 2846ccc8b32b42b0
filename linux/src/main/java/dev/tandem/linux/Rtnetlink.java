package dev.tandem.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Addresses and links over rtnetlink, the way keepalived adds and removes VIPs (keepalived.md §3.2): every
 * change carries NLM_F_ACK and the ack's errno is checked, because a netlink socket opens without
 * CAP_NET_ADMIN and the refusal only shows up in the ack (java.md §3.2).
 *
 * <p>Errors are {@link LinuxException}s whose {@link LinuxException#errno()} tells the cases apart:
 * {@link Errno#EEXIST} when adding an address that is already there, {@link Errno#EADDRNOTAVAIL} when
 * deleting one that is not, {@link Errno#EPERM} (naming CAP_NET_ADMIN) without the capability.
 *
 * <p>Requests are serialised on this object and wait up to {@link #REPLY_TIMEOUT_MILLIS} for the kernel.
 */
public final class Rtnetlink implements AutoCloseable {
    static final long REPLY_TIMEOUT_MILLIS = 5000;

    private final NetlinkSocket socket;
    private int seq;

    private Rtnetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a request socket in the calling thread's network namespace. */
    public static Rtnetlink open() throws LinuxException {
        return new Rtnetlink(NetlinkSocket.open(0));
    }

    /** RTM_NEWADDR with NLM_F_CREATE | NLM_F_EXCL, like {@code ip addr add}. */
    public synchronized void addAddress(LinkAddress address) throws LinuxException {
        int s = ++seq;
        String call = "rtnetlink RTM_NEWADDR " + address;
        socket.send(RtnetlinkCodec.addressRequest(Netlink.RTM_NEWADDR,
                Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, s, address),
                call);
        awaitAck(s, call);
    }

    /** RTM_DELADDR; the kernel matches on interface, address and prefix length. */
    public synchronized void deleteAddress(LinkAddress address) throws LinuxException {
        int s = ++seq;
        String call = "rtnetlink RTM_DELADDR " + address;
        socket.send(RtnetlinkCodec.addressRequest(Netlink.RTM_DELADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, s,
                address), call);
        awaitAck(s, call);
    }

    /** Every address on {@code ifindex} (0: on every interface), both families, from an RTM_GETADDR dump. */
    public synchronized List<LinkAddress> addresses(int ifindex) throws LinuxException {
        int s = ++seq;
        String call = "rtnetlink RTM_GETADDR";
        socket.send(RtnetlinkCodec.addressDump(s, Sockopt.AF_UNSPEC), call);
        List<LinkAddress> out = new ArrayList<>();
        for (RtnetlinkCodec.Message m : awaitDump(s, call)) {
            if (m.type() == Netlink.RTM_NEWADDR) {
                LinkAddress a = RtnetlinkCodec.decodeAddress(m.body());
                if (a != null && (ifindex == 0 || a.ifindex() == ifindex)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** Every link, from an RTM_GETLINK dump. */
    public synchronized List<Link> links() throws LinuxException {
        int s = ++seq;
        String call = "rtnetlink RTM_GETLINK";
        socket.send(RtnetlinkCodec.linkRequest(s, 0), call);
        List<Link> out = new ArrayList<>();
        for (RtnetlinkCodec.Message m : awaitDump(s, call)) {
            if (m.type() == Netlink.RTM_NEWLINK) {
                Link link = RtnetlinkCodec.decodeLink(m.body());
                if (link != null) {
                    out.add(link);
                }
            }
        }
        return out;
    }

    /** One link by index; ENODEV if there is none. */
    public synchronized Link link(int ifindex) throws LinuxException {
        int s = ++seq;
        String call = "rtnetlink RTM_GETLINK ifindex " + ifindex;
        socket.send(RtnetlinkCodec.linkRequest(s, ifindex), call);
        while (true) {
            for (RtnetlinkCodec.Message m : receive(call)) {
                if (m.seq() != s) {
                    continue;
                }
                if (m.type() == Netlink.NLMSG_ERROR) {
                    throw Syscalls.error(call, m.errorCode(), Capability.NONE);
                }
                Link link = m.type() == Netlink.RTM_NEWLINK ? RtnetlinkCodec.decodeLink(m.body()) : null;
                if (link != null) {
                    return link;
                }
            }
        }
    }

    /** One link by name, or empty if there is no such interface. */
    public Optional<Link> link(String name) throws LinuxException {
        return links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    private void awaitAck(int s, String call) throws LinuxException {
        while (true) {
            for (RtnetlinkCodec.Message m : receive(call)) {
                if (m.seq() == s && m.type() == Netlink.NLMSG_ERROR) {
                    int errno = m.errorCode();
                    if (errno != 0) {
                        throw Syscalls.error(call, errno, Capability.CAP_NET_ADMIN);
                    }
                    return;
                }
            }
        }
    }

    private List<RtnetlinkCodec.Message> awaitDump(int s, String call) throws LinuxException {
        List<RtnetlinkCodec.Message> out = new ArrayList<>();
        while (true) {
            for (RtnetlinkCodec.Message m : receive(call)) {
                if (m.seq() != s) {
                    continue;
                }
                if (m.type() == Netlink.NLMSG_DONE) {
                    return out;
                }
                if (m.type() == Netlink.NLMSG_ERROR) {
                    throw Syscalls.error(call, m.errorCode(), Capability.NONE);
                }
                out.add(m);
            }
        }
    }

    private List<RtnetlinkCodec.Message> receive(String call) throws LinuxException {
        byte[] datagram = socket.receive(REPLY_TIMEOUT_MILLIS, call);
        if (datagram == null) {
            throw new LinuxException(call, Errno.ETIMEDOUT,
                    "no reply from the kernel within " + REPLY_TIMEOUT_MILLIS + " ms");
        }
        return RtnetlinkCodec.split(datagram, datagram.length);
    }

    @Override
    public void close() {
        socket.close();
    }
}
