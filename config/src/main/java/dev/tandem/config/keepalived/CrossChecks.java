package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.AddressText;
import dev.tandem.config.keepalived.model.GlobalDefs;
import dev.tandem.config.keepalived.model.UnicastPeer;
import dev.tandem.config.keepalived.model.Vip;
import dev.tandem.config.keepalived.model.VrrpInstance;
import dev.tandem.config.keepalived.model.VrrpScript;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Checks across sections that hold on any machine (keepalived vrrp.c check_vrid_conflicts and friends). */
final class CrossChecks {

    private CrossChecks() {}

    static void run(Map<String, InstanceDraft> drafts, Map<String, VrrpInstance> instances, Collection<VrrpScript> scripts,
            TrackResolver resolver, GlobalDefs global, List<ScriptUse> scriptUses, Diagnostics report) {
        vridConflicts(drafts, instances, report);
        sharedVips(instances, report);
        for (VrrpScript script : scripts) {
            if (!resolver.isUsed(script)) {
                report.accept(dev.tandem.config.Diagnostic.warning(script.source().file(), script.source().line(),
                        "Warning - script " + script.name() + " is not used")
                        .withHint("reference it with track_script { " + script.name() + " } or remove it"));
            }
        }
        if (!global.enableScriptSecurity() && !scriptUses.isEmpty()) {
            ScriptUse first = scriptUses.stream().min(java.util.Comparator.comparingInt(u -> u.at().line())).orElseThrow();
            report.warning(first.at(), "SECURITY VIOLATION - scripts are being executed but script_security not enabled.",
                    "add enable_script_security (and script_user <user>) to global_defs; without it scripts run as"
                            + " root even from paths other users can write");
        }
    }

    /**
     * Two instances with the same VRID, family and interface would answer each other's adverts
     * (RFC 5798 §7.3: the virtual MAC is per VRID and family). Unicast instances only clash when
     * they share a peer.
     */
    private static void vridConflicts(Map<String, InstanceDraft> drafts, Map<String, VrrpInstance> instances,
            Diagnostics report) {
        Map<String, List<VrrpInstance>> byVrid = new java.util.HashMap<>();
        for (VrrpInstance instance : instances.values()) {
            if (instance.virtualRouterId() == 0) {
                continue;
            }
            List<VrrpInstance> seen = byVrid.computeIfAbsent(instance.family() + "/" + instance.virtualRouterId(),
                    k -> new ArrayList<>());
            for (VrrpInstance earlier : seen) {
                InstanceDraft draft = drafts.get(instance.name());
                Statement at = draft.vridAt != null ? draft.vridAt : draft.at;
                boolean unicast = instance.unicast().enabled() || earlier.unicast().enabled();
                if (unicast) {
                    if (sharePeer(instance.unicast().peers(), earlier.unicast().peers())) {
                        report.error(at, "(" + instance.name() + ") duplicate VRID conflict with " + earlier.name()
                                + " VRID " + instance.virtualRouterId(), "give each instance its own virtual_router_id");
                        break;
                    }
                    continue;
                }
                if (instance.interfaceName().isPresent() && instance.interfaceName().equals(earlier.interfaceName())) {
                    report.error(at, earlier.name() + " and " + instance.name() + " both use VRID "
                            + instance.virtualRouterId() + " with " + instance.family().label() + " on interface "
                            + instance.interfaceName().get(), "give each instance on an interface its own"
                            + " virtual_router_id (IPv4 and IPv6 are separate VRID spaces)");
                    break;
                }
            }
            seen.add(instance);
        }
    }

    /** One address managed by two instances (or listed twice) is added and removed by each on its own. */
    private static void sharedVips(Map<String, VrrpInstance> instances, Diagnostics report) {
        Map<java.net.InetAddress, VrrpInstance> owners = new java.util.HashMap<>();
        Map<java.net.InetAddress, Vip> first = new java.util.HashMap<>();
        for (VrrpInstance instance : instances.values()) {
            for (Vip vip : instance.allVips()) {
                VrrpInstance owner = owners.putIfAbsent(vip.address(), instance);
                if (owner == null) {
                    first.put(vip.address(), vip);
                    continue;
                }
                Vip earlier = first.get(vip.address());
                String where = owner == instance ? "is listed twice in vrrp_instance " + instance.name()
                        : "is also managed by vrrp_instance " + owner.name();
                report.accept(dev.tandem.config.Diagnostic.warning(vip.position().file(), vip.position().line(),
                        "(" + instance.name() + ") VIP " + AddressText.of(vip.address()) + " " + where + " (line "
                                + earlier.position().line() + ")")
                        .withHint("each VIP belongs to one instance; the two would add and remove it independently"));
            }
        }
    }

    private static boolean sharePeer(List<UnicastPeer> a, List<UnicastPeer> b) {
        return a.stream().anyMatch(p -> b.stream().anyMatch(q -> q.address().equals(p.address())));
    }
}
