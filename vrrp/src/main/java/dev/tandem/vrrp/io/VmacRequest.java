package dev.tandem.vrrp.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The rtnetlink messages that create and delete keepalived's {@code use_vmac} interface: a macvlan in private
 * mode on the base interface carrying the virtual router MAC 00-00-5E-00-01-{VRID} (RFC 5798 §7.3;
 * keepalived vrrp_vmac.c). Pure: bytes only, in host (little-endian) order as netlink wants.
 */
final class VmacRequest {
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    private static final int IFF_UP = 0x1;
    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_LINK = 5;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFLA_INFO_DATA = 2;
    private static final int IFLA_MACVLAN_MODE = 1;
    /** keepalived creates its VMACs in private mode: no traffic between macvlans of one parent. */
    static final int MACVLAN_MODE_PRIVATE = 1;

    private VmacRequest() {
    }

    /** RTM_NEWLINK, NLM_F_CREATE|NLM_F_EXCL, brought up in the same request. */
    static byte[] create(int seq, int parentIndex, String name, byte[] mac) {
        ByteBuffer b = buffer();
        header(b, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
        ifinfo(b, 0, IFF_UP, IFF_UP);
        attrInt(b, IFLA_LINK, parentIndex);
        attr(b, IFLA_IFNAME, (name + "\0").getBytes(StandardCharsets.US_ASCII));
        attr(b, IFLA_ADDRESS, mac);
        int linkinfo = begin(b, IFLA_LINKINFO);
        attr(b, IFLA_INFO_KIND, "macvlan\0".getBytes(StandardCharsets.US_ASCII));
        int data = begin(b, IFLA_INFO_DATA);
        attrInt(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_PRIVATE);
        end(b, data);
        end(b, linkinfo);
        return finish(b);
    }

    static byte[] delete(int seq, int index) {
        ByteBuffer b = buffer();
        header(b, RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfo(b, index, 0, 0);
        return finish(b);
    }

    /**
     * The errno of the NLMSG_ERROR ack for {@code seq} (0 for success), or -1 when the datagram holds none.
     */
    static int ackErrno(byte[] datagram, int length, int seq) {
        ByteBuffer b = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 16) {
            int start = b.position();
            int len = b.getInt();
            int type = b.getShort() & 0xffff;
            b.getShort();
            int s = b.getInt();
            b.getInt();
            if (len < 16 || start + len > length) {
                return -1;
            }
            if (type == 2 && s == seq && len >= 20) {
                return -b.getInt();
            }
            b.position(start + ((len + 3) & ~3));
        }
        return -1;
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void header(ByteBuffer b, int type, int flags, int seq) {
        b.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
    }

    private static void ifinfo(ByteBuffer b, int index, int flags, int change) {
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
    }

    private static void attr(ByteBuffer b, int type, byte[] value) {
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        pad(b);
    }

    private static void attrInt(ByteBuffer b, int type, int value) {
        b.putShort((short) 8).putShort((short) type).putInt(value);
    }

    private static int begin(ByteBuffer b, int type) {
        int at = b.position();
        b.putShort((short) 0).putShort((short) type);
        return at;
    }

    private static void end(ByteBuffer b, int at) {
        b.putShort(at, (short) (b.position() - at));
    }

    private static void pad(ByteBuffer b) {
        while ((b.position() & 3) != 0) {
            b.put((byte) 0);
        }
    }

    private static byte[] finish(ByteBuffer b) {
        b.putInt(0, b.position());
        byte[] out = new byte[b.position()];
        b.get(0, out);
        return out;
    }
}
