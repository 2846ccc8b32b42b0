package dev.tandem.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement as carried on the wire.
 *
 * @param version 2 (RFC 3768) or 3 (RFC 5798)
 * @param intervalCentis advert interval in centiseconds; v2 carries whole seconds, so it is a multiple of 100
 * @param authPass the v2 PASS password without its NUL padding; empty for NONE, AH and v3
 */
public record Advert(int version, int vrid, int priority, int intervalCentis, AuthType authType, String authPass,
                     List<InetAddress> addresses) {

    public Advert {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("VRRP version must be 2 or 3, not " + version);
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID must be 1..255, not " + vrid);
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority must be 0..255, not " + priority);
        }
        Objects.requireNonNull(authType);
        Objects.requireNonNull(authPass);
        addresses = List.copyOf(addresses);
        if (addresses.size() > 255) {
            throw new IllegalArgumentException("at most 255 addresses fit in an advert");
        }
        if (version == 2) {
            if (intervalCentis % 100 != 0 || intervalCentis < 100 || intervalCentis > 25500) {
                throw new IllegalArgumentException("VRRPv2 interval must be whole seconds 1..255");
            }
            for (InetAddress a : addresses) {
                if (!(a instanceof Inet4Address)) {
                    throw new IllegalArgumentException("VRRPv2 carries IPv4 addresses only: " + a);
                }
            }
        } else {
            if (intervalCentis < 1 || intervalCentis > 4095) {
                throw new IllegalArgumentException("VRRPv3 interval must be 1..4095 centiseconds");
            }
            if (authType != AuthType.NONE) {
                throw new IllegalArgumentException("VRRPv3 has no authentication");
            }
            boolean v6 = !addresses.isEmpty() && addresses.getFirst() instanceof Inet6Address;
            for (InetAddress a : addresses) {
                if ((a instanceof Inet6Address) != v6) {
                    throw new IllegalArgumentException("one advert carries one address family");
                }
            }
        }
        byte[] pass = authPass.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (pass.length > 8) {
            throw new IllegalArgumentException("auth_pass is at most 8 bytes");
        }
    }

    /** The same advert with another priority, e.g. 0 on shutdown (RFC 5798 §6.4.3). */
    public Advert withPriority(int newPriority) {
        return new Advert(version, vrid, newPriority, intervalCentis, authType, authPass, addresses);
    }

    /** The same advert with another interval (v3 masters advertise their own; backups adopt it). */
    public Advert withIntervalCentis(int centis) {
        return new Advert(version, vrid, priority, centis, authType, authPass, addresses);
    }
}
