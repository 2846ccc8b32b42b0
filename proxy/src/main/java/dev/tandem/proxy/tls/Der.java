package dev.tandem.proxy.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Just enough DER (ITU-T X.690) to wrap PKCS#1 and SEC1 keys into PKCS#8 (RFC 5208 §5). */
final class Der {

    static final byte[] NULL = {0x05, 0x00};

    private Der() {
    }

    static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        return tlv(0x30, body.toByteArray());
    }

    static byte[] integer(int small) {
        return tlv(0x02, new byte[] {(byte) small});
    }

    static byte[] octetString(byte[] content) {
        return tlv(0x04, content);
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long v = Long.parseLong(arcs[i]);
            int groups = 1;
            for (long t = v >>> 7; t != 0; t >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int b = (int) ((v >>> (7 * g)) & 0x7f);
                out.write(g == 0 ? b : b | 0x80);
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    /**
     * The named-curve OID TLV of a SEC1 ECPrivateKey (RFC 5915 §3): SEQUENCE { version, key,
     * [0] parameters, [1] publicKey }.
     */
    static byte[] curveOfSec1(byte[] der) throws PemFile.Invalid {
        try {
            int[] seq = header(der, 0);
            if (der[0] != 0x30) {
                throw new PemFile.Invalid("the EC PRIVATE KEY block is not a SEC1 key");
            }
            int p = seq[0];
            int end = seq[0] + seq[1];
            while (p < end) {
                int[] h = header(der, p);
                if ((der[p] & 0xff) == 0xa0) {
                    int[] inner = header(der, h[0]);
                    if (der[h[0]] == 0x06) {
                        return Arrays.copyOfRange(der, h[0], inner[0] + inner[1]);
                    }
                }
                p = h[0] + h[1];
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new PemFile.Invalid("the EC PRIVATE KEY block is truncated");
        }
        throw new PemFile.Invalid("the EC PRIVATE KEY block does not name its curve");
    }

    /** {content offset, content length} of the TLV at {@code at}. */
    private static int[] header(byte[] der, int at) {
        int lenByte = der[at + 1] & 0xff;
        if (lenByte < 0x80) {
            return new int[] {at + 2, lenByte};
        }
        int n = lenByte & 0x7f;
        if (n == 0 || n > 3) {
            throw new ArrayIndexOutOfBoundsException("length of " + n + " bytes");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[at + 2 + i] & 0xff);
        }
        return new int[] {at + 2 + n, len};
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
