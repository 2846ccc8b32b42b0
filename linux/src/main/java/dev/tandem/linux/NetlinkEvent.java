package dev.tandem.linux;

/** What a {@link NetlinkMonitor} reports: the link and address changes keepalived watches (keepalived.md §3.2). */
public sealed interface NetlinkEvent {
    /** RTM_NEWLINK: a link appeared or its flags changed; {@link Link#operational()} says up or down. */
    record LinkChanged(Link link) implements NetlinkEvent {
        public boolean up() {
            return link.operational();
        }
    }

    /** RTM_DELLINK: the interface is gone; its ifindex will not come back. */
    record LinkRemoved(Link link) implements NetlinkEvent {
    }

    /** RTM_NEWADDR. */
    record AddressAdded(LinkAddress address) implements NetlinkEvent {
    }

    /** RTM_DELADDR: for a VIP this means someone removed it behind our back. */
    record AddressRemoved(LinkAddress address) implements NetlinkEvent {
    }

    /** The kernel dropped events (ENOBUFS): re-read links and addresses with a dump. */
    record Overrun() implements NetlinkEvent {
    }
}
