package dev.tandem.vrrp.io;

import dev.tandem.linux.Interface;
import dev.tandem.linux.Link;
import dev.tandem.linux.LinuxException;
import dev.tandem.linux.Rtnetlink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The interfaces the configuration names, resolved once at start (index, MAC) and refreshed on link events. */
final class Interfaces {
    private final Map<String, Link> byName = new ConcurrentHashMap<>();

    /** Resolves every name; a missing one is a start-up error naming it, as keepalived refuses it too. */
    static Interfaces resolve(Rtnetlink rtnl, Iterable<String> names) throws VrrpStartException, LinuxException {
        Interfaces out = new Interfaces();
        for (String name : names) {
            if (out.byName.containsKey(name)) {
                continue;
            }
            Link link = rtnl.link(name).orElseThrow(() -> new VrrpStartException("tandem: VRRP interface " + name
                    + " does not exist; check 'interface' and 'dev' in keepalived.conf"));
            out.byName.put(name, link);
        }
        return out;
    }

    int index(String name) {
        Link l = byName.get(name);
        if (l == null) {
            throw new IllegalArgumentException("interface " + name + " was not resolved at start");
        }
        return l.index();
    }

    Interface nic(String name) {
        return byName.get(name).asInterface();
    }

    byte[] mac(String name) {
        return byName.get(name).mac();
    }

    Link link(String name) {
        return byName.get(name);
    }

    /** Updates a known interface; returns the previous state, or null when the link is not ours. */
    Link update(Link link) {
        if (!byName.containsKey(link.name())) {
            return null;
        }
        return byName.put(link.name(), link);
    }

    Iterable<String> names() {
        return byName.keySet();
    }
}
