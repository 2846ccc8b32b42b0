package dev.tandem.linux;

import java.net.Inet4Address;

/**
 * The gratuitous ARP keepalived sends for an IPv4 VIP (keepalived.md §3.3, {@code vrrp_arp.c}): a broadcast
 * ARP request (op 1) with sender and target protocol address both the VIP and, unlike RFC 5227's
 * announcement, target hardware address ff:ff:ff:ff:ff:ff.
 */
public final class GratuitousArp {
    /** Ethernet header 14 + ARP 28; the driver pads to the 60-byte minimum. */
    public static final int LENGTH = 42;

    private GratuitousArp() {
    }

    public static byte[] frame(byte[] mac, Inet4Address vip) {
        byte[] f = new byte[LENGTH];
        Ethernet.header(f, Ethernet.BROADCAST, mac, Ethernet.ETH_P_ARP);
        byte[] ip = vip.getAddress();
        f[15] = 1; // hardware type Ethernet
        f[16] = 0x08; // protocol type IPv4
        f[18] = 6;
        f[19] = 4;
        f[21] = 1; // op: request
        System.arraycopy(mac, 0, f, 22, 6);
        System.arraycopy(ip, 0, f, 28, 4);
        System.arraycopy(Ethernet.BROADCAST, 0, f, 32, 6);
        System.arraycopy(ip, 0, f, 38, 4);
        return f;
    }
}
