package dev.tandem.vrrp;

import dev.tandem.vrrp.packet.Advert;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * What the engine asks the IO layer to do, in the order it must be done. On takeover that order is
 * advert, VIPs, GARP/NA, then notify (keepalived vrrp.c; keepalived.md §3.2).
 */
public sealed interface Action {
    /** Instance or sync-group name the action belongs to. */
    String name();

    /** One encoded VRRP message (the IP payload) for one destination: the group, or each unicast peer. */
    record Datagram(InetAddress destination, byte[] payload) {
    }

    /** Send the advert; {@code datagrams} are ready to go out with TTL/hop limit 255 from the source address. */
    record SendAdvert(String name, Advert advert, InetAddress source, List<Datagram> datagrams) implements Action {
        public int priority() {
            return advert.priority();
        }
    }

    record AddVips(String name, String interfaceName, List<Vip> vips) implements Action {
    }

    record RemoveVips(String name, String interfaceName, List<Vip> vips) implements Action {
    }

    /**
     * Announce the VIPs: {@code repeat} gratuitous ARPs per IPv4 VIP spaced by {@code arpInterval} and unsolicited
     * NAs per IPv6 VIP spaced by {@code naInterval}.
     */
    record SendGratuitous(String name, String interfaceName, List<Vip> vips, int repeat, Duration arpInterval,
                          Duration naInterval) implements Action {
    }

    record StateChanged(String name, VrrpState from, VrrpState to, int priority, String reason) implements Action {
    }

    enum Scope {
        INSTANCE,
        GROUP
    }

    /** Run the notify scripts: keepalived's {@code INSTANCE|GROUP name STATE prio}; groups report prio 0. */
    record Notify(Scope scope, String name, VrrpState state, int priority) implements Action {
    }

    /** smtp_alert: mail the transition. */
    record SendMail(Scope scope, String name, VrrpState state) implements Action {
    }
}
