package dev.tandem.linux;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes rtnetlink requests and decodes replies and notifications (rtnetlink(7)). Netlink headers and
 * attributes are in host byte order and 4-byte aligned; addresses inside attributes are raw network bytes.
 * Pure: no sockets, so it is tested byte-for-byte and fuzzed. Malformed input ends a walk early; it never
 * throws.
 */
final class RtnetlinkCodec {
    static final ByteOrder HOST = ByteOrder.nativeOrder();
    static final int HEADER = (int) Structs.NLMSGHDR.byteSize();
    private static final int IFADDRMSG = (int) Structs.IFADDRMSG.byteSize();
    private static final int IFINFOMSG = (int) Structs.IFINFOMSG.byteSize();
    private static final int RTATTR = (int) Structs.RTATTR.byteSize();

    /** One netlink message; {@code body} is what follows the 16-byte header. */
    record Message(int type, int flags, int seq, int pid, byte[] body) {
        /** For NLMSG_ERROR: the errno the kernel returned (0 for an ACK), or -1 if the body is too short. */
        int errorCode() {
            if (body.length < 4) {
                return -1;
            }
            return -ByteBuffer.wrap(body).order(HOST).getInt(0);
        }
    }

    private RtnetlinkCodec() {
    }

    /** RTM_NEWADDR / RTM_DELADDR with IFA_LOCAL and IFA_ADDRESS (as iproute2 sends), IPv6 with IFA_F_NODAD. */
    static byte[] addressRequest(int type, int flags, int seq, LinkAddress a) {
        boolean v6 = a.address() instanceof Inet6Address;
        // The kernel derives DEPRECATED from the preferred lifetime; it is not a flag a request may set.
        int ifaFlags = (a.flags() & ~LinkAddress.IFA_F_DEPRECATED) | (v6 ? Netlink.IFA_F_NODAD : 0);
        ByteBuffer body = ByteBuffer.allocate(IFADDRMSG).order(HOST);
        body.put((byte) (v6 ? Sockopt.AF_INET6 : Sockopt.AF_INET));
        body.put((byte) a.prefixLength());
        body.put((byte) ifaFlags);
        body.put((byte) a.scope());
        body.putInt(a.ifindex());
        Writer w = new Writer(type, flags, seq, body.array());
        w.attribute(Netlink.IFA_LOCAL, a.address().getAddress());
        w.attribute(Netlink.IFA_ADDRESS, a.address().getAddress());
        if (a.broadcast() != null) {
            w.attribute(Netlink.IFA_BROADCAST, a.broadcast().getAddress());
        }
        if (a.label() != null) {
            w.attribute(Netlink.IFA_LABEL, cString(a.label()));
        }
        if (ifaFlags != 0) {
            w.attribute(Netlink.IFA_FLAGS, u32(ifaFlags));
        }
        if (a.isDeprecated() && type == Netlink.RTM_NEWADDR) {
            ByteBuffer cache = ByteBuffer.allocate((int) Structs.IFA_CACHEINFO.byteSize()).order(HOST);
            cache.putInt(0).putInt(Netlink.INFINITY_LIFE_TIME);
            w.attribute(Netlink.IFA_CACHEINFO, cache.array());
        }
        return w.toBytes();
    }

    /** RTM_GETADDR dump for one family (AF_UNSPEC for both). */
    static byte[] addressDump(int seq, int family) {
        byte[] body = new byte[IFADDRMSG];
        body[0] = (byte) family;
        return new Writer(Netlink.RTM_GETADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq, body).toBytes();
    }

    /** RTM_GETLINK for every link (ifindex 0, dump) or for one. */
    static byte[] linkRequest(int seq, int ifindex) {
        ByteBuffer body = ByteBuffer.allocate(IFINFOMSG).order(HOST);
        body.put(0, (byte) Sockopt.AF_UNSPEC);
        body.putInt(4, ifindex);
        int flags = Netlink.NLM_F_REQUEST | (ifindex == 0 ? Netlink.NLM_F_DUMP : 0);
        return new Writer(Netlink.RTM_GETLINK, flags, seq, body.array()).toBytes();
    }

    /** Splits a datagram into messages; stops at the first malformed length. */
    static List<Message> split(byte[] data, int length) {
        List<Message> messages = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(data, 0, Math.min(length, data.length)).order(HOST);
        int at = 0;
        int end = buf.limit();
        while (at + HEADER <= end) {
            int len = buf.getInt(at);
            if (len < HEADER || len > end - at) {
                break;
            }
            messages.add(new Message(buf.getShort(at + 4) & 0xffff, buf.getShort(at + 6) & 0xffff,
                    buf.getInt(at + 8), buf.getInt(at + 12), Arrays.copyOfRange(data, at + HEADER, at + len)));
            at += Structs.align(len, Structs.NETLINK_ALIGNMENT);
        }
        return messages;
    }

    /** The address in an RTM_NEWADDR / RTM_DELADDR body, or null if the body is malformed. */
    static LinkAddress decodeAddress(byte[] body) {
        if (body.length < IFADDRMSG) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(body).order(HOST);
        int family = body[0] & 0xff;
        int addressLength = family == Sockopt.AF_INET ? 4 : family == Sockopt.AF_INET6 ? 16 : -1;
        if (addressLength < 0) {
            return null;
        }
        int prefix = body[1] & 0xff;
        int flags = body[2] & 0xff;
        int scope = body[3] & 0xff;
        int ifindex = buf.getInt(4);
        byte[] address = null;
        byte[] local = null;
        InetAddress broadcast = null;
        String label = null;
        for (int[] attr : attributes(body, IFADDRMSG)) {
            int type = attr[0];
            int from = attr[1];
            int len = attr[2];
            if ((type == Netlink.IFA_ADDRESS || type == Netlink.IFA_LOCAL || type == Netlink.IFA_BROADCAST)
                    && len == addressLength) {
                byte[] raw = Arrays.copyOfRange(body, from, from + len);
                if (type == Netlink.IFA_ADDRESS) {
                    address = raw;
                } else if (type == Netlink.IFA_LOCAL) {
                    local = raw;
                } else {
                    broadcast = familyAddress(raw);
                }
            } else if (type == Netlink.IFA_LABEL) {
                label = string(body, from, len);
            } else if (type == Netlink.IFA_FLAGS && len >= 4) {
                flags = buf.getInt(from);
            }
        }
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
        byte[] own = local != null ? local : address;
        if (own == null || prefix > addressLength * 8) {
            return null;
        }
        return new LinkAddress(ifindex, familyAddress(own), prefix, broadcast, label, flags, scope);
    }

    /**
     * The address in the message's own family: an IPv4-mapped IPv6 address (::ffff:a.b.c.d, which
     * an AF_INET6 message can carry) stays IPv6, where InetAddress.getByAddress would make it IPv4.
     */
    private static InetAddress familyAddress(byte[] raw) {
        if (raw.length != 16) {
            return Sockaddr.address(raw);
        }
        try {
            return Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address must be 16 bytes, got " + raw.length, e);
        }
    }

    /** The link in an RTM_NEWLINK / RTM_DELLINK body, or null if the body is malformed. */
    static Link decodeLink(byte[] body) {
        if (body.length < IFINFOMSG) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(body).order(HOST);
        int index = buf.getInt(4);
        int flags = buf.getInt(8);
        String name = null;
        byte[] mac = new byte[0];
        int mtu = 0;
        int operState = -1;
        for (int[] attr : attributes(body, IFINFOMSG)) {
            int type = attr[0];
            int from = attr[1];
            int len = attr[2];
            if (type == Netlink.IFLA_IFNAME) {
                name = string(body, from, len);
            } else if (type == Netlink.IFLA_ADDRESS) {
                mac = Arrays.copyOfRange(body, from, from + len);
            } else if (type == Netlink.IFLA_MTU && len >= 4) {
                mtu = buf.getInt(from);
            } else if (type == Netlink.IFLA_OPERSTATE && len >= 1) {
                operState = body[from] & 0xff;
            }
        }
        if (name == null || name.isEmpty() || name.length() > 15 || index <= 0) {
            return null;
        }
        return new Link(index, name, mac, flags, mtu, operState);
    }

    /** The monitor's view of one notification, or null for messages it does not report. */
    static NetlinkEvent decodeEvent(Message m) {
        return switch (m.type()) {
            case Netlink.RTM_NEWLINK -> {
                Link link = decodeLink(m.body());
                yield link == null ? null : new NetlinkEvent.LinkChanged(link);
            }
            case Netlink.RTM_DELLINK -> {
                Link link = decodeLink(m.body());
                yield link == null ? null : new NetlinkEvent.LinkRemoved(link);
            }
            case Netlink.RTM_NEWADDR -> {
                LinkAddress a = decodeAddress(m.body());
                yield a == null ? null : new NetlinkEvent.AddressAdded(a);
            }
            case Netlink.RTM_DELADDR -> {
                LinkAddress a = decodeAddress(m.body());
                yield a == null ? null : new NetlinkEvent.AddressRemoved(a);
            }
            case Netlink.NLMSG_OVERRUN -> new NetlinkEvent.Overrun();
            default -> null;
        };
    }

    /** Attributes after a fixed header: {type, data offset, data length}; stops at the first malformed one. */
    static List<int[]> attributes(byte[] body, int start) {
        List<int[]> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(body).order(HOST);
        int at = Structs.align(start, Structs.NETLINK_ALIGNMENT);
        while (at + RTATTR <= body.length) {
            int len = buf.getShort(at) & 0xffff;
            int type = buf.getShort(at + 2) & 0x3fff; // NLA_F_NESTED and NLA_F_NET_BYTEORDER are not part of the type
            if (len < RTATTR || len > body.length - at) {
                break;
            }
            out.add(new int[] {type, at + RTATTR, len - RTATTR});
            at += Structs.align(len, Structs.NETLINK_ALIGNMENT);
        }
        return out;
    }

    private static String string(byte[] body, int from, int len) {
        int end = from;
        while (end < from + len && body[end] != 0) {
            end++;
        }
        return new String(body, from, end - from, StandardCharsets.UTF_8);
    }

    private static byte[] cString(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(raw, raw.length + 1);
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(HOST).putInt(v).array();
    }


    /** Builds one message: header, fixed body, then attributes, each padded to 4 bytes. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int type;
        private final int flags;
        private final int seq;

        Writer(int type, int flags, int seq, byte[] fixed) {
            this.type = type;
            this.flags = flags;
            this.seq = seq;
            out.writeBytes(fixed);
            pad();
        }

        void attribute(int attrType, byte[] data) {
            ByteBuffer h = ByteBuffer.allocate(RTATTR).order(HOST);
            h.putShort((short) (RTATTR + data.length));
            h.putShort((short) attrType);
            out.writeBytes(h.array());
            out.writeBytes(data);
            pad();
        }

        private void pad() {
            while (out.size() % Structs.NETLINK_ALIGNMENT != 0) {
                out.write(0);
            }
        }

        byte[] toBytes() {
            byte[] body = out.toByteArray();
            ByteBuffer msg = ByteBuffer.allocate(HEADER + body.length).order(HOST);
            msg.putInt(HEADER + body.length);
            msg.putShort((short) type);
            msg.putShort((short) flags);
            msg.putInt(seq);
            msg.putInt(0);
            msg.put(body);
            return msg.array();
        }
    }
}
