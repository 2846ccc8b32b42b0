package dev.tandem.vrrp.io;

import dev.tandem.linux.LinuxException;
import dev.tandem.linux.Rtnetlink;
import dev.tandem.vrrp.InstanceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived.conf(5) use_vmac: creates each instance's macvlan (removing one a killed node left behind), moves
 * the instance onto it so adverts, VIPs and GARPs use the virtual router MAC and clients' ARP entries never
 * change (keepalived vrrp_vmac.c), and removes the macvlans on close.
 */
final class VmacLinks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VmacLinks.class);

    /** One instance's macvlan: its name and MAC. */
    record Plan(String name, byte[] mac) {
    }

    private final Rtnetlink rtnl;
    private final List<String> created = new ArrayList<>();
    private VmacNetlink netlink;

    VmacLinks(Rtnetlink rtnl) {
        this.rtnl = rtnl;
    }

    InstanceSettings apply(InstanceSettings s, Plan plan) throws LinuxException, VrrpStartException {
        if (netlink == null) {
            netlink = VmacNetlink.open();
        }
        var parent = rtnl.link(s.interfaceName()).orElseThrow(() -> new VrrpStartException("tandem: VRRP interface "
                + s.interfaceName() + " does not exist; check 'interface' in keepalived.conf"));
        var stale = rtnl.link(plan.name());
        if (stale.isPresent()) {
            netlink.delete(stale.get().index(), plan.name());
        }
        netlink.create(parent.index(), plan.name(), plan.mac());
        created.add(plan.name());
        LOG.info("({}) use_vmac: {} on {} with {}", s.name(), plan.name(), s.interfaceName(),
                HexFormat.ofDelimiter(":").formatHex(plan.mac()));
        // keepalived: the base answers no ARP for the VIPs (arp_ignore=1, arp_filter=1). Replies to clients
        // leave through the base too, so its ARP requests must not name the VIP as sender (arp_announce=2),
        // or the client would learn the base MAC for the VIP.
        sysctl("ipv4/conf/" + s.interfaceName() + "/arp_ignore", "1");
        sysctl("ipv4/conf/" + s.interfaceName() + "/arp_filter", "1");
        sysctl("ipv4/conf/" + s.interfaceName() + "/arp_announce", "2");
        sysctl("ipv4/conf/" + plan.name() + "/arp_ignore", "1");
        return RecordCopy.with(s, "interfaceName", plan.name());
    }

    private static void sysctl(String path, String value) {
        try {
            Files.writeString(Path.of("/proc/sys/net").resolve(path), value);
        } catch (IOException e) {
            LOG.warn("cannot set net.{}: {}", path.replace('/', '.'), e.getMessage());
        }
    }

    @Override
    public void close() {
        for (String name : created) {
            try {
                var link = rtnl.link(name);
                if (link.isPresent()) {
                    netlink.delete(link.get().index(), name);
                }
            } catch (LinuxException e) {
                LOG.warn("cannot remove {}: {}", name, e.getMessage());
            }
        }
        created.clear();
        if (netlink != null) {
            netlink.close();
        }
    }
}
