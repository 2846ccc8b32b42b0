package dev.tandem.vrrp.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * The unsolicited Neighbour Advertisement frame for an IPv6 VIP (RFC 4861 §4.4, §7.2.6): from the VIP to
 * ff02::1, hop limit 255, Override set, Router set when the interface forwards (keepalived PR #200), and a
 * Target Link-Layer Address option.
 */
public final class NeighbourAdvert {
    private static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    private static final Inet6Address ALL_NODES;

    static {
        try {
            ALL_NODES = (Inet6Address) InetAddress.getByAddress(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NeighbourAdvert() {
    }

    public static byte[] frame(MacAddress source, Inet6Address vip, boolean router) {
        int icmpLen = 32;
        ByteBuffer icmp = ByteBuffer.allocate(icmpLen);
        icmp.put((byte) 136).put((byte) 0).putShort((short) 0);
        icmp.putInt((router ? 0x80000000 : 0) | 0x20000000);
        icmp.put(vip.getAddress());
        icmp.put((byte) 2).put((byte) 1).put(source.bytes());
        byte[] body = icmp.array();
        int sum = new InternetChecksum().add(vip.getAddress()).add(ALL_NODES.getAddress()).add32(icmpLen)
                .add16(58).add(body).value();
        body[2] = (byte) (sum >>> 8);
        body[3] = (byte) sum;

        ByteBuffer b = ByteBuffer.allocate(14 + 40 + icmpLen);
        b.put(ALL_NODES_MAC).put(source.bytes()).putShort((short) 0x86dd);
        b.putInt(0x60000000).putShort((short) icmpLen).put((byte) 58).put((byte) 255);
        b.put(vip.getAddress()).put(ALL_NODES.getAddress());
        b.put(body);
        return b.array();
    }
}
