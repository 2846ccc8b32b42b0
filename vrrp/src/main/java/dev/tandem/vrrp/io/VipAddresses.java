package dev.tandem.vrrp.io;

import dev.tandem.linux.Errno;
import dev.tandem.linux.LinkAddress;
import dev.tandem.linux.LinuxException;
import dev.tandem.linux.Rtnetlink;
import dev.tandem.vrrp.Vip;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts VIPs on and takes them off interfaces over rtnetlink with the ack checked (keepalived
 * vrrp_ipaddress.c; keepalived.md §3.2), and remembers which ones this node holds, so that a deletion seen by
 * the monitor can be told apart from our own.
 */
final class VipAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(VipAddresses.class);

    /** A VIP on a resolved interface. */
    record Held(int ifindex, InetAddress address) {
    }

    private final Rtnetlink rtnl;
    private final Interfaces interfaces;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();

    VipAddresses(Rtnetlink rtnl, Interfaces interfaces) {
        this.rtnl = rtnl;
        this.interfaces = interfaces;
    }

    /** keepalived.conf(5): IPv6 /128 VIPs are added deprecated so they are never picked as a source address. */
    static LinkAddress linkAddress(int ifindex, Vip vip) {
        LinkAddress a = LinkAddress.of(ifindex, vip.address(), vip.prefixLength());
        return vip.address() instanceof Inet6Address && vip.prefixLength() == 128 ? a.deprecated() : a;
    }

    void add(String instanceInterface, List<Vip> vips) {
        for (Vip v : vips) {
            int ifindex = interfaces.index(device(instanceInterface, v));
            held.add(new Held(ifindex, v.address()));
            try {
                rtnl.addAddress(linkAddress(ifindex, v));
            } catch (LinuxException e) {
                if (!e.is(Errno.EEXIST)) {
                    LOG.error("cannot add VIP {}/{}: {}", v.address().getHostAddress(), v.prefixLength(),
                            e.getMessage());
                }
            }
        }
    }

    void remove(String instanceInterface, List<Vip> vips) {
        for (Vip v : vips) {
            int ifindex = interfaces.index(device(instanceInterface, v));
            held.remove(new Held(ifindex, v.address()));
            delete(ifindex, v);
        }
    }

    /** At start-up: a node killed with SIGKILL left its VIPs behind (keepalived remove_residual_vips). */
    void removeResidual(String instanceInterface, List<Vip> vips) throws LinuxException {
        for (Vip v : vips) {
            int ifindex = interfaces.index(device(instanceInterface, v));
            boolean present = rtnl.addresses(ifindex).stream().anyMatch(a -> a.address().equals(v.address()));
            if (present) {
                LOG.info("removing residual VIP {} from {}", v.address().getHostAddress(),
                        device(instanceInterface, v));
                delete(ifindex, v);
            }
        }
    }

    boolean holds(int ifindex, InetAddress address) {
        return held.contains(new Held(ifindex, address));
    }

    private void delete(int ifindex, Vip v) {
        try {
            rtnl.deleteAddress(linkAddress(ifindex, v));
        } catch (LinuxException e) {
            if (!e.is(Errno.EADDRNOTAVAIL) && !e.is(Errno.ENODEV)) {
                LOG.error("cannot remove VIP {}/{}: {}", v.address().getHostAddress(), v.prefixLength(),
                        e.getMessage());
            }
        }
    }

    static String device(String instanceInterface, Vip v) {
        return v.device().isEmpty() ? instanceInterface : v.device();
    }
}
