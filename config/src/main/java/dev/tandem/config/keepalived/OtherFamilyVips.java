package dev.tandem.config.keepalived;

import dev.tandem.config.Severity;
import dev.tandem.config.keepalived.model.AddressFamily;
import dev.tandem.config.keepalived.model.Vip;

/**
 * VIPs of the other address family inside an instance. keepalived 2.x drops them (vrrp_data.c:
 * "address family must match VRRP instance"); Tandem keeps them, managed like
 * virtual_ipaddress_excluded, and its notice shows the keepalived-compatible two-instance form.
 */
final class OtherFamilyVips {

    private OtherFamilyVips() {}

    /** One NOTICE per such VIP, at its line, with the rewrite as the hint. */
    static void report(InstanceDraft d, AddressFamily family, Diagnostics report) {
        if (d.otherFamilyVips.isEmpty()) {
            return;
        }
        AddressFamily other = family == AddressFamily.IPV4 ? AddressFamily.IPV6 : AddressFamily.IPV4;
        String sibling = d.name + (other == AddressFamily.IPV6 ? "_6" : "_4");
        String nl = System.lineSeparator();
        StringBuilder hint = new StringBuilder("keepalived 2.x needs an " + other.label() + " instance with the same"
                + " virtual_router_id, synced with this one:" + nl);
        hint.append("      vrrp_instance ").append(sibling).append(" {").append(nl);
        if (d.interfaceName != null) {
            hint.append("          interface ").append(d.interfaceName).append(nl);
        }
        hint.append("          virtual_router_id ").append(d.virtualRouterId == null ? "<same>" : d.virtualRouterId).append(nl);
        if (other == AddressFamily.IPV6) {
            hint.append("          version 3").append(nl);
        }
        hint.append("          virtual_ipaddress {").append(nl);
        for (Vip vip : d.otherFamilyVips) {
            hint.append("              ").append(d.vipText(vip)).append(nl);
        }
        hint.append("          }").append(nl).append("      }").append(nl);
        if (d.syncGroup != null) {
            hint.append("      and add ").append(sibling).append(" to group { } of vrrp_sync_group ").append(d.syncGroup);
        } else {
            hint.append("      vrrp_sync_group ").append(d.name).append("_G {").append(nl)
                    .append("          group {").append(nl)
                    .append("              ").append(d.name).append(nl)
                    .append("              ").append(sibling).append(nl)
                    .append("          }").append(nl).append("      }");
        }
        for (Vip vip : d.otherFamilyVips) {
            Statement at = d.vipStatement(vip);
            report.add(Severity.NOTICE, at, at.keyword(), d.owner() + ": address family must match VRRP instance ["
                    + at.name() + "] - keepalived 2.x ignores this VIP; Tandem keeps it and manages it like"
                    + " virtual_ipaddress_excluded (added and removed with the " + family.label()
                    + " instance's MASTER state, not advertised)", hint.toString());
        }
    }
}
