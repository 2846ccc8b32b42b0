package dev.tandem.vrrp.io;

import dev.tandem.linux.Link;
import dev.tandem.linux.LinuxException;
import dev.tandem.linux.NetlinkEvent;
import dev.tandem.linux.NetlinkMonitor;
import dev.tandem.linux.Rtnetlink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches rtnetlink link and address notifications on a platform thread and turns them into engine events:
 * link up/down (FAULT and back, keepalived vrrp_if.c) and addresses removed (a VIP deleted behind our back).
 */
final class LinkWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkWatcher.class);

    private final NetlinkMonitor monitor;
    private final Rtnetlink rtnl;
    private final Consumer<Event> sink;
    private final Map<String, Boolean> lastUp = new HashMap<>();
    private final Thread thread;
    private volatile boolean closing;

    /** @param rtnl re-reads the links after the kernel dropped notifications (ENOBUFS) */
    LinkWatcher(NetlinkMonitor monitor, Rtnetlink rtnl, Map<String, Boolean> initial, Consumer<Event> sink) {
        this.monitor = monitor;
        this.rtnl = rtnl;
        this.sink = sink;
        this.lastUp.putAll(initial);
        this.thread = Thread.ofPlatform().daemon().name("vrrp-netlink").unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (!closing) {
            List<NetlinkEvent> events;
            try {
                events = monitor.poll(-1);
            } catch (LinuxException e) {
                if (!closing) {
                    LOG.warn("netlink monitor: {}", e.getMessage());
                }
                continue;
            }
            for (NetlinkEvent e : events) {
                switch (e) {
                    case NetlinkEvent.LinkChanged c -> linkState(c.link().name(), c.up());
                    case NetlinkEvent.LinkRemoved r -> {
                        if (Boolean.TRUE.equals(lastUp.put(r.link().name(), false))) {
                            sink.accept(new Event.LinkChanged(r.link().name(), false));
                        }
                    }
                    case NetlinkEvent.AddressRemoved a ->
                            sink.accept(new Event.AddressRemoved(a.address().ifindex(), a.address().address()));
                    case NetlinkEvent.AddressAdded ignored -> {
                    }
                    case NetlinkEvent.Overrun ignored -> resync();
                }
            }
        }
    }

    private void linkState(String name, boolean up) {
        Boolean before = lastUp.put(name, up);
        if (before == null || before != up) {
            sink.accept(new Event.LinkChanged(name, up));
        }
    }

    /** keepalived.md §3.2: after an overrun the only truth is a fresh dump. */
    private void resync() {
        LOG.warn("netlink monitor overrun: re-reading link states");
        try {
            for (Link l : rtnl.links()) {
                linkState(l.name(), l.operational());
            }
        } catch (LinuxException e) {
            LOG.warn("netlink link dump after overrun failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closing = true;
        monitor.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
