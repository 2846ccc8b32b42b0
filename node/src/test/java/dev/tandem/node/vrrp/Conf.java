package dev.tandem.node.vrrp;

import java.util.List;

/** keepalived.conf text for the lab: one IPv4 instance, optionally an IPv6 one in the same sync group. */
record Conf(int version, int priority, String state, String advertInt, boolean ipv6, String auth,
            List<String> unicastPeers, String unicastSource, String extra) {

    static final String VIP4 = "192.0.2.100";
    static final String VIP6 = "2001:db8::100";

    static Conf v3(int priority, String advertInt) {
        return new Conf(3, priority, "BACKUP", advertInt, false, "", List.of(), "", "");
    }

    static Conf v2pass(int priority) {
        return new Conf(2, priority, "BACKUP", "1", false, "hunter2", List.of(), "", "");
    }

    Conf withIpv6() {
        return new Conf(version, priority, state, advertInt, true, auth, unicastPeers, unicastSource, extra);
    }

    Conf master() {
        return new Conf(version, priority, "MASTER", advertInt, ipv6, auth, unicastPeers, unicastSource, extra);
    }

    Conf unicast(String source, String... peers) {
        return new Conf(version, priority, state, advertInt, ipv6, auth, List.of(peers), source, extra);
    }

    Conf extra(String lines) {
        return new Conf(version, priority, state, advertInt, ipv6, auth, unicastPeers, unicastSource, lines);
    }

    String text() {
        StringBuilder b = new StringBuilder();
        if (ipv6) {
            b.append("vrrp_sync_group VG_1 {\n  group {\n    VI_4\n    VI_6\n  }\n}\n");
        }
        b.append(instance("VI_4", 51, VIP4 + "/24"));
        if (ipv6) {
            b.append(instance("VI_6", 52, VIP6 + "/64"));
        }
        return b.toString();
    }

    private String instance(String name, int vrid, String vip) {
        StringBuilder b = new StringBuilder();
        b.append("vrrp_instance ").append(name).append(" {\n");
        b.append("  interface eth0\n  state ").append(state).append("\n  priority ").append(priority).append('\n');
        b.append("  virtual_router_id ").append(vrid).append("\n  advert_int ").append(advertInt).append('\n');
        b.append("  version ").append(name.equals("VI_6") ? 3 : version).append('\n');
        if (!auth.isEmpty() && !name.equals("VI_6")) {
            b.append("  authentication {\n    auth_type PASS\n    auth_pass ").append(auth).append("\n  }\n");
        }
        if (!unicastPeers.isEmpty() && name.equals("VI_4")) {
            b.append("  unicast_src_ip ").append(unicastSource).append("\n  unicast_peer {\n");
            unicastPeers.forEach(p -> b.append("    ").append(p).append('\n'));
            b.append("  }\n");
        }
        b.append("  garp_master_delay 1\n");
        b.append(extra);
        b.append("  virtual_ipaddress {\n    ").append(vip).append("\n  }\n}\n");
        return b.toString();
    }
}
