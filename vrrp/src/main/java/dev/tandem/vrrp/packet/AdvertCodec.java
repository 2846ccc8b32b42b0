package dev.tandem.vrrp.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes the VRRP message (the IP payload). Source and destination addresses are needed because
 * VRRPv3 checksums cover a pseudo-header.
 */
public final class AdvertCodec {
    /** IP protocol number of VRRP (RFC 3768 §5.2.4). */
    public static final int PROTOCOL = 112;
    private static final int HEADER = 8;
    private static final int V2_AUTH_DATA = 8;

    private AdvertCodec() {
    }

    public static byte[] encode(Advert advert, InetAddress source, InetAddress destination, ChecksumForm form) {
        int addrLen = addressLength(advert);
        int len = HEADER + advert.addresses().size() * addrLen + (advert.version() == 2 ? V2_AUTH_DATA : 0);
        byte[] out = new byte[len];
        out[0] = (byte) ((advert.version() << 4) | 1);
        out[1] = (byte) advert.vrid();
        out[2] = (byte) advert.priority();
        out[3] = (byte) advert.addresses().size();
        if (advert.version() == 2) {
            out[4] = (byte) advert.authType().code();
            out[5] = (byte) (advert.intervalCentis() / 100);
        } else {
            out[4] = (byte) ((advert.intervalCentis() >>> 8) & 0x0f);
            out[5] = (byte) advert.intervalCentis();
        }
        int p = HEADER;
        for (InetAddress a : advert.addresses()) {
            byte[] raw = a.getAddress();
            System.arraycopy(raw, 0, out, p, raw.length);
            p += raw.length;
        }
        if (advert.version() == 2 && advert.authType() == AuthType.PASS) {
            byte[] pass = advert.authPass().getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(pass, 0, out, p, pass.length);
        }
        int sum = checksum(out, 0, len, advert.version(), source, destination, form);
        out[6] = (byte) (sum >>> 8);
        out[7] = (byte) sum;
        return out;
    }

    /**
     * Decodes and checks what the message alone can prove: version, type, length, checksum, and that v2 AH is
     * refused. A v3 advert over IPv4 is accepted with either checksum form (keepalived's and RFC 9568's).
     *
     * @param ipv6 whether it arrived over IPv6 (decides the address size for v3)
     */
    public static Advert decode(byte[] buf, int off, int len, boolean ipv6, InetAddress source,
                                InetAddress destination) throws AdvertException {
        if (len < HEADER) {
            throw new AdvertException(RejectReason.TOO_SHORT, len + " bytes");
        }
        int version = (buf[off] & 0xff) >>> 4;
        int type = buf[off] & 0x0f;
        if (version != 2 && version != 3) {
            throw new AdvertException(RejectReason.VERSION, "version " + version);
        }
        if (version == 2 && ipv6) {
            throw new AdvertException(RejectReason.VERSION, "VRRPv2 over IPv6");
        }
        if (type != 1) {
            throw new AdvertException(RejectReason.TYPE, "type " + type);
        }
        int vrid = buf[off + 1] & 0xff;
        if (vrid == 0) {
            throw new AdvertException(RejectReason.UNKNOWN_VRID, "VRID 0");
        }
        int priority = buf[off + 2] & 0xff;
        int count = buf[off + 3] & 0xff;
        int addrLen = ipv6 ? 16 : 4;
        int needed = HEADER + count * addrLen + (version == 2 ? V2_AUTH_DATA : 0);
        if (len < needed) {
            throw new AdvertException(RejectReason.TOO_SHORT, len + " bytes, " + count + " addresses need " + needed);
        }
        AuthType auth = AuthType.NONE;
        String pass = "";
        int interval;
        if (version == 2) {
            int code = buf[off + 4] & 0xff;
            auth = switch (code) {
                case 0 -> AuthType.NONE;
                case 1 -> AuthType.PASS;
                case 2 -> throw new AdvertException(RejectReason.AUTH_AH_UNSUPPORTED, "auth type 2");
                default -> throw new AdvertException(RejectReason.AUTH_TYPE, "auth type " + code);
            };
            interval = (buf[off + 5] & 0xff) * 100;
            if (interval == 0) {
                throw new AdvertException(RejectReason.INTERVAL, "advert interval 0");
            }
        } else {
            interval = ((buf[off + 4] & 0x0f) << 8) | (buf[off + 5] & 0xff);
            if (interval == 0) {
                throw new AdvertException(RejectReason.INTERVAL, "max advert interval 0");
            }
        }
        int got = ((buf[off + 6] & 0xff) << 8) | (buf[off + 7] & 0xff);
        if (!checksumMatches(buf, off, needed, version, ipv6, source, destination, got)) {
            throw new AdvertException(RejectReason.CHECKSUM, String.format("checksum %04x", got));
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        int p = off + HEADER;
        for (int i = 0; i < count; i++, p += addrLen) {
            try {
                addresses.add(InetAddress.getByAddress(Arrays.copyOfRange(buf, p, p + addrLen)));
            } catch (UnknownHostException e) {
                throw new AssertionError("4 or 16 bytes are always an address", e);
            }
        }
        if (auth == AuthType.PASS) {
            int end = p;
            while (end < p + V2_AUTH_DATA && buf[end] != 0) {
                end++;
            }
            pass = new String(buf, p, end - p, StandardCharsets.ISO_8859_1);
        }
        try {
            return new Advert(version, vrid, priority, interval, auth, pass, addresses);
        } catch (IllegalArgumentException e) {
            throw new AdvertException(RejectReason.FAMILY, e.getMessage());
        }
    }

    public static Advert decode(byte[] message, boolean ipv6, InetAddress source, InetAddress destination)
            throws AdvertException {
        return decode(message, 0, message.length, ipv6, source, destination);
    }

    private static boolean checksumMatches(byte[] buf, int off, int len, int version, boolean ipv6,
                                           InetAddress source, InetAddress destination, int got) {
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        copy[6] = 0;
        copy[7] = 0;
        if (version == 2 || ipv6) {
            return checksum(copy, 0, len, version, source, destination, ChecksumForm.IPV4_PSEUDO_HEADER) == got;
        }
        return checksum(copy, 0, len, version, source, destination, ChecksumForm.IPV4_PSEUDO_HEADER) == got
                || checksum(copy, 0, len, version, source, destination, ChecksumForm.VRRP_MESSAGE_ONLY) == got;
    }

    private static int checksum(byte[] msg, int off, int len, int version, InetAddress source,
                                InetAddress destination, ChecksumForm form) {
        InternetChecksum sum = new InternetChecksum();
        if (version == 3) {
            if (source instanceof Inet6Address || destination instanceof Inet6Address) {
                // RFC 5798 §5.2.8 with the RFC 2460 §8.1 pseudo-header.
                sum.add(source.getAddress()).add(destination.getAddress()).add32(len).add16(PROTOCOL);
            } else if (form == ChecksumForm.IPV4_PSEUDO_HEADER) {
                // keepalived vrrp.c: IPv4 pseudo-header (src, dst, 0, proto, length); see keepalived.md §1.2.
                sum.add(source.getAddress()).add(destination.getAddress()).add16(PROTOCOL).add16(len);
            }
        }
        return sum.add(msg, off, len).value();
    }

    private static int addressLength(Advert advert) {
        return !advert.addresses().isEmpty() && advert.addresses().getFirst() instanceof Inet6Address ? 16 : 4;
    }
}
