package dev.tandem.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The IPv4 header of a raw protocol-112 datagram: parsed on receive (raw IPv4 sockets deliver it) and built
 * for {@code IP_HDRINCL} sends the way keepalived writes it (tos 0xc0, TTL 255; keepalived.md §3.1).
 *
 * @param payloadOffset where the VRRP message starts
 * @param payloadLength VRRP message length according to the header's total length
 */
public record Ipv4Header(int tos, int ttl, int protocol, Inet4Address source, Inet4Address destination,
                         int payloadOffset, int payloadLength) {
    /** IP protocol number of AH; keepalived's VRRPv2 AH puts it in front of VRRP. */
    public static final int PROTOCOL_AH = 51;

    public static Ipv4Header parse(byte[] buf, int off, int len) throws AdvertException {
        if (len < 20) {
            throw new AdvertException(RejectReason.IP_HEADER, len + " bytes");
        }
        int version = (buf[off] & 0xff) >>> 4;
        int ihl = (buf[off] & 0x0f) * 4;
        if (version != 4 || ihl < 20 || ihl > len) {
            throw new AdvertException(RejectReason.IP_HEADER, "version " + version + ", header length " + ihl);
        }
        int total = ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
        if (total < ihl || total > len) {
            total = len;
        }
        int protocol = buf[off + 9] & 0xff;
        if (protocol == PROTOCOL_AH) {
            throw new AdvertException(RejectReason.AUTH_AH_UNSUPPORTED, "IP protocol 51");
        }
        try {
            return new Ipv4Header(buf[off + 1] & 0xff, buf[off + 8] & 0xff, protocol,
                    (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(buf, off + 12, off + 16)),
                    (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(buf, off + 16, off + 20)),
                    off + ihl, total - ihl);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A 20-byte header in front of {@code payloadLength} bytes; the kernel fills id and checksum when 0. */
    public static byte[] build(Inet4Address source, Inet4Address destination, int ttl, int id, int payloadLength,
                               boolean withChecksum) {
        byte[] h = new byte[20];
        int total = 20 + payloadLength;
        h[0] = 0x45;
        h[1] = (byte) 0xc0;
        h[2] = (byte) (total >>> 8);
        h[3] = (byte) total;
        h[4] = (byte) (id >>> 8);
        h[5] = (byte) id;
        h[8] = (byte) ttl;
        h[9] = (byte) AdvertCodec.PROTOCOL;
        System.arraycopy(source.getAddress(), 0, h, 12, 4);
        System.arraycopy(destination.getAddress(), 0, h, 16, 4);
        if (withChecksum) {
            int sum = new InternetChecksum().add(h).value();
            h[10] = (byte) (sum >>> 8);
            h[11] = (byte) sum;
        }
        return h;
    }
}
