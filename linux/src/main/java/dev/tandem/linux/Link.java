package dev.tandem.linux;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A network interface as rtnetlink reports it (RTM_NEWLINK: ifinfomsg plus IFLA_* attributes).
 *
 * @param flags     the IFF_* flags; see {@link #up()} and {@link #running()}
 * @param operState IFLA_OPERSTATE (RFC 2863: 2 down, 6 up, 0 unknown), -1 if absent
 */
public record Link(int index, String name, byte[] mac, int flags, int mtu, int operState) {
    public Link {
        mac = mac == null ? new byte[0] : mac.clone();
    }

    /** Administratively up (IFF_UP). */
    public boolean up() {
        return (flags & Netlink.IFF_UP) != 0;
    }

    /** The driver reports carrier (IFF_RUNNING). */
    public boolean running() {
        return (flags & Netlink.IFF_RUNNING) != 0;
    }

    /** keepalived's IF_ISUP: up and running; an interface that is not is a reason for FAULT. */
    public boolean operational() {
        return up() && running();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** The hardware address as {@code 02:00:00:00:00:11}. */
    public String macString() {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    public Interface asInterface() {
        return new Interface(name, index);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Link l && l.index == index && l.name.equals(name) && Arrays.equals(l.mac, mac)
                && l.flags == flags && l.mtu == mtu && l.operState == operState;
    }

    @Override
    public int hashCode() {
        return index * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return "Link[" + index + " " + name + " " + macString() + (up() ? " UP" : " DOWN")
                + (running() ? " RUNNING" : "") + " mtu " + mtu + "]";
    }
}
