package dev.tandem.vrrp.packet;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * The gratuitous ARP Ethernet frame keepalived sends for an IPv4 VIP: a broadcast ARP request with the VIP as
 * both sender and target and a broadcast target MAC (keepalived vrrp_arp.c; keepalived.md §3.3).
 */
public final class GratuitousArp {
    private GratuitousArp() {
    }

    public static byte[] frame(MacAddress source, Inet4Address vip) {
        ByteBuffer b = ByteBuffer.allocate(42);
        b.put(MacAddress.BROADCAST.bytes()).put(source.bytes()).putShort((short) 0x0806);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        b.put(source.bytes()).put(vip.getAddress());
        b.put(MacAddress.BROADCAST.bytes()).put(vip.getAddress());
        return b.array();
    }
}
