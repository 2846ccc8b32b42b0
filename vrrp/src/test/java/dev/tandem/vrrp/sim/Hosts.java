package dev.tandem.vrrp.sim;

import dev.tandem.vrrp.InstanceSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Documentation addresses (RFC 5737 / RFC 3849) for simulated hosts; no DNS is ever consulted. */
public final class Hosts {
    public static final long SECOND = 1_000_000;

    private Hosts() {
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** VRRPv2 instance VI_1, VRID 12, VIP 192.0.2.100, from 192.0.2.{host}. */
    public static InstanceSettings.Builder v2(int host, int priority) {
        return InstanceSettings.builder("VI_1", 12, ip("192.0.2." + host)).priority(priority)
                .vip(ip("192.0.2.100")).authPass("hunter2");
    }

    /** VRRPv3 IPv6 instance VI_6, VRID 12, VIP 2001:db8:12::100, from fe80::{host}. */
    public static InstanceSettings.Builder v6(int host, int priority) {
        return InstanceSettings.builder("VI_6", 12, ip("fe80::" + Integer.toHexString(host))).priority(priority)
                .vip(ip("2001:db8:12::100"));
    }
}
