package dev.tandem.vrrp.io;

import dev.tandem.config.keepalived.model.KeepalivedConfig;
import dev.tandem.linux.LinuxException;
import dev.tandem.linux.NetlinkMonitor;
import dev.tandem.linux.PacketSocket;
import dev.tandem.linux.Rtnetlink;
import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.InstanceSettings;
import dev.tandem.vrrp.InstanceStatus;
import dev.tandem.vrrp.KeepalivedSettings;
import dev.tandem.vrrp.Track;
import dev.tandem.vrrp.TrackKind;
import dev.tandem.vrrp.TrackStatus;
import dev.tandem.vrrp.Vip;
import dev.tandem.vrrp.VrrpEngine;
import dev.tandem.vrrp.VrrpState;
import dev.tandem.vrrp.notify.Notifier;
import dev.tandem.vrrp.notify.SmtpAlerter;
import dev.tandem.vrrp.track.ScriptRunner;
import dev.tandem.vrrp.track.TrackFileWatcher;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HexFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP side of a running node: the pure {@link VrrpEngine} driven from one platform thread, fed by the
 * advert sockets, the netlink monitor and the script runner through a queue, and carrying out the engine's
 * actions in keepalived's takeover order (advert, VIPs, GARP/NA, notify; keepalived.md §3.2).
 * {@link #close()} sends priority 0 and removes the VIPs before returning (RFC 5798 §6.4.3).
 */
public final class VrrpService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VrrpService.class);
    /** Name prefix of the per-instance tracker that a VIP deleted behind our back pulls down. */
    static final String VIP_LOST = "vip-deleted:";
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_NOTIFY_TIMEOUT = Duration.ofSeconds(1);
    /** keepalived reacts to track_file writes through inotify; polling this often keeps the delay comparable. */
    private static final Duration TRACK_FILE_PERIOD = Duration.ofMillis(200);

    private final KeepalivedSettings settings;
    private final Set<InetAddress> untrackedVips;
    private final Map<String, Path> trackFiles;
    private final Map<String, VmacLinks.Plan> vmacs;
    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final Map<String, VrrpState> states = new ConcurrentHashMap<>();
    private final Map<String, AdvertChannel> channelOf = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private VrrpEngine engine;
    private Rtnetlink rtnl;
    private Interfaces interfaces;
    private VipAddresses vips;
    private Announcer announcer;
    private Notifier notifier;
    private Optional<SmtpAlerter> mail = Optional.empty();
    private Thread engineThread;
    private volatile boolean stopped;
    /** Written by the engine thread after every event, so other threads never touch the engine. */
    private volatile List<InstanceStatus> status = List.of();

    private VrrpService(KeepalivedSettings settings, Set<InetAddress> untrackedVips, Map<String, Path> trackFiles,
                        Map<String, VmacLinks.Plan> vmacs) {
        this.settings = settings;
        this.untrackedVips = Set.copyOf(untrackedVips);
        this.trackFiles = Map.copyOf(trackFiles);
        this.vmacs = Map.copyOf(vmacs);
    }

    /**
     * Maps a compiled keepalived.conf with this host's addresses (the interface's primary IPv4 address, or its
     * IPv6 link-local one, as keepalived picks the advert source) and starts it.
     */
    public static VrrpService start(KeepalivedConfig config, String hostName) throws VrrpStartException {
        KeepalivedSettings settings;
        try (Rtnetlink rtnl = Rtnetlink.open()) {
            PrimaryAddresses primary = PrimaryAddresses.read(rtnl);
            settings = KeepalivedSettings.from(config, primary, hostName);
        } catch (LinuxException e) {
            throw new VrrpStartException("tandem: cannot read interface addresses: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new VrrpStartException("tandem: " + e.getMessage());
        }
        settings.warnings().forEach(w -> LOG.warn("{}", w));
        Set<InetAddress> untracked = new LinkedHashSet<>();
        config.instances().forEach(i -> i.vips().stream().filter(v -> v.noTrack()).forEach(v -> untracked.add(v.address())));
        Map<String, VmacLinks.Plan> vmacs = new LinkedHashMap<>();
        try {
            vmacPlans(config, vmacs);
        } catch (IllegalArgumentException e) {
            throw new VrrpStartException("tandem: " + e.getMessage());
        }
        Map<String, Path> files = new LinkedHashMap<>();
        config.trackFiles().forEach(f -> files.put(f.name(), f.file()));
        return start(settings, untracked, files, vmacs);
    }

    private static void vmacPlans(KeepalivedConfig config, Map<String, VmacLinks.Plan> vmacs) {
        for (var i : config.instances()) {
            i.vmac().ifPresent(v -> {
                boolean ipv6 = i.family() == dev.tandem.config.keepalived.model.AddressFamily.IPV6;
                if (ipv6 || v.xmitBase()) {
                    LOG.warn("({}) use_vmac {}is not supported yet: adverts and GARPs use {}'s own MAC", i.name(),
                            ipv6 ? "for IPv6 " : "with vmac_xmit_base ", i.interfaceName().orElse("the interface"));
                    return;
                }
                String name = v.interfaceName().orElse("vrrp." + i.virtualRouterId());
                byte[] mac = v.macAddress().map(VrrpService::mac)
                        .orElse(new byte[] {0, 0, 0x5e, 0, 1, (byte) i.virtualRouterId()});
                vmacs.put(i.name(), new VmacLinks.Plan(name, mac));
            });
        }
    }

    private static byte[] mac(String text) {
        try {
            byte[] mac = HexFormat.ofDelimiter(":").parseHex(text);
            if (mac.length == 6) {
                return mac;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("use_vmac MAC address " + text + " is not six colon-separated bytes");
    }

    /**
     * @param untrackedVips VIPs marked {@code no_track}: deleting them does not take the instance out of MASTER
     */
    public static VrrpService start(KeepalivedSettings settings, Set<InetAddress> untrackedVips)
            throws VrrpStartException {
        return start(settings, untrackedVips, Map.of());
    }

    /** @param trackFiles vrrp_track_file name to path, polled for the instances that track them */
    public static VrrpService start(KeepalivedSettings settings, Set<InetAddress> untrackedVips,
                                    Map<String, Path> trackFiles) throws VrrpStartException {
        return start(settings, untrackedVips, trackFiles, Map.of());
    }

    /** @param vmacs use_vmac by instance name: the instance runs on that macvlan instead of its interface */
    static VrrpService start(KeepalivedSettings settings, Set<InetAddress> untrackedVips,
                             Map<String, Path> trackFiles, Map<String, VmacLinks.Plan> vmacs) throws VrrpStartException {
        VrrpService s = new VrrpService(settings, untrackedVips, trackFiles, vmacs);
        try {
            s.open();
            return s;
        } catch (LinuxException e) {
            s.closeResources();
            throw new VrrpStartException("tandem: VRRP cannot start: " + e.getMessage());
        } catch (VrrpStartException | RuntimeException e) {
            s.closeResources();
            throw e;
        }
    }

    private void open() throws LinuxException, VrrpStartException {
        List<InstanceSettings> instances = settings.instances().stream().map(VrrpService::withVipTracker).toList();
        // Netlink reads need no privilege; the raw sockets below are the first calls that need one
        // (CAP_NET_RAW), and their error names it. The monitor subscribes before links are read, so a link
        // that changes in between is reported rather than missed.
        rtnl = Rtnetlink.open();
        resources.add(rtnl);
        NetlinkMonitor monitor = NetlinkMonitor.open();
        resources.add(monitor);
        if (!vmacs.isEmpty()) {
            VmacLinks links = new VmacLinks(rtnl);
            resources.add(links);
            List<InstanceSettings> moved = new ArrayList<>();
            for (InstanceSettings i : instances) {
                VmacLinks.Plan plan = vmacs.get(i.name());
                moved.add(plan == null ? i : links.apply(i, plan));
            }
            instances = moved;
        }
        Set<String> names = new LinkedHashSet<>();
        for (InstanceSettings i : instances) {
            names.add(i.interfaceName());
            for (Vip v : i.vips()) {
                names.add(VipAddresses.device(i.interfaceName(), v));
            }
            for (Vip v : i.excludedVips()) {
                names.add(VipAddresses.device(i.interfaceName(), v));
            }
        }
        interfaces = Interfaces.resolve(rtnl, names);
        Map<AdvertChannel.Key, AdvertChannel> pool = new LinkedHashMap<>();
        for (InstanceSettings i : instances) {
            boolean unicast = !i.unicastPeers().isEmpty();
            AdvertChannel.Key key = new AdvertChannel.Key(i.interfaceName(), i.ipv6(), unicast, i.sourceAddress());
            AdvertChannel c = pool.get(key);
            if (c == null) {
                c = AdvertChannel.open(key, interfaces.nic(i.interfaceName()), r -> post(new Event.AdvertArrived(r)));
                resources.add(c);
                pool.put(key, c);
                LOG.info("VRRP sockpool: [{} {} {}{}]", i.interfaceName(), i.ipv6() ? "IPv6" : "IPv4",
                        unicast ? "unicast " : "multicast", unicast ? i.sourceAddress().getHostAddress() : "");
            }
            channelOf.put(i.name(), c);
        }
        PacketSocket packets = PacketSocket.open();
        resources.add(packets);
        announcer = new Announcer(packets, interfaces);
        resources.add(announcer);
        rtnl.link("lo").ifPresent(lo -> {
            announcer.warmUp(lo.index());
            AdvertChannel.warmUp(lo.asInterface());
        });
        vips = new VipAddresses(rtnl, interfaces);
        for (InstanceSettings i : instances) {
            vips.removeResidual(i.interfaceName(), i.vips());
            vips.removeResidual(i.interfaceName(), i.excludedVips());
        }
        Map<String, Boolean> initial = new LinkedHashMap<>();
        for (String n : interfaces.names()) {
            initial.put(n, interfaces.link(n).operational());
        }
        LinkWatcher watcher = new LinkWatcher(monitor, rtnl, initial, this::post);
        resources.add(watcher);
        notifier = new Notifier(settings.notifies(), NOTIFY_TIMEOUT, STOP_NOTIFY_TIMEOUT, LOG::info);
        resources.add(notifier);
        mail = settings.smtp().map(smtp -> new SmtpAlerter(smtp, LOG::info));
        mail.ifPresent(resources::add);
        try {
            engine = new VrrpEngine(instances, settings.syncGroups());
        } catch (IllegalArgumentException e) {
            throw new VrrpStartException("tandem: " + e.getMessage());
        }
        long now = now();
        for (InstanceSettings i : instances) {
            states.put(i.name(), VrrpState.INIT);
        }
        for (var e : initial.entrySet()) {
            if (!e.getValue()) {
                engine.onLink(now, e.getKey(), false);
            }
        }
        perform(engine.start(now));
        watcher.start();
        if (!settings.scripts().isEmpty()) {
            ScriptRunner scripts = new ScriptRunner(settings.scripts(),
                    (name, status) -> post(new Event.Tracked(TrackKind.SCRIPT, name, status)), LOG::info);
            resources.add(scripts);
            scripts.start();
        }
        if (!trackFiles.isEmpty()) {
            TrackFileWatcher watcherOfFiles = new TrackFileWatcher(trackFiles, TRACK_FILE_PERIOD,
                    (name, status) -> post(new Event.Tracked(TrackKind.FILE, name, status)), LOG::info);
            resources.add(watcherOfFiles);
            watcherOfFiles.start();
        }
        engineThread = Thread.ofPlatform().name("vrrp-engine").unstarted(this::loop);
        engineThread.start();
    }

    /** keepalived.conf(5) virtual_ipaddress: a VIP deleted while MASTER takes the instance out of MASTER. */
    private static InstanceSettings withVipTracker(InstanceSettings s) {
        List<Track> tracks = new ArrayList<>(s.tracks());
        tracks.add(new Track(TrackKind.TRACKER, VIP_LOST + s.name(), 0, false, false));
        return RecordCopy.with(s, "tracks", tracks);
    }

    private void post(Event e) {
        if (!stopped) {
            queue.add(e);
        }
    }

    /** Feeds an in-process tracker (e.g. the proxy's health) into the instances that track it by name. */
    public void track(String trackerName, boolean up) {
        post(new Event.Tracked(TrackKind.TRACKER, trackerName, up ? TrackStatus.UP : TrackStatus.DOWN));
    }

    /** The instance's last reported state; safe from any thread. */
    public VrrpState state(String instance) {
        VrrpState s = states.get(instance);
        if (s == null) {
            throw new IllegalArgumentException("no vrrp_instance " + instance);
        }
        return s;
    }

    /** Every instance's state, priorities and reject counters as of the last event; safe from any thread. */
    public List<InstanceStatus> status() {
        return status;
    }

    public Set<String> instanceNames() {
        return states.keySet();
    }

    private void loop() {
        while (true) {
            long now = now();
            long next = engine.nextWakeup();
            if (next <= now) {
                perform(engine.onTimer(now));
                continue;
            }
            Event e;
            try {
                e = next == Long.MAX_VALUE ? queue.take() : queue.poll(next - now, TimeUnit.MICROSECONDS);
            } catch (InterruptedException ie) {
                e = new Event.Stop(new CountDownLatch(1));
            }
            if (e == null) {
                continue;
            }
            now = now();
            switch (e) {
                case Event.AdvertArrived a -> perform(engine.onAdvert(now, a.received()));
                case Event.LinkChanged l -> {
                    LOG.info("Netlink reports {} {}", l.interfaceName(), l.up() ? "UP" : "DOWN");
                    perform(engine.onLink(now, l.interfaceName(), l.up()));
                }
                case Event.Tracked t -> perform(engine.onTrack(now, t.kind(), t.name(), t.status()));
                case Event.AddressRemoved r -> vipRemoved(now, r);
                case Event.Stop s -> {
                    perform(engine.shutdown(now));
                    s.done().countDown();
                    return;
                }
            }
        }
    }

    private void vipRemoved(long now, Event.AddressRemoved r) {
        if (!vips.holds(r.ifindex(), r.address()) || untrackedVips.contains(r.address())) {
            return;
        }
        for (InstanceSettings i : settings.instances()) {
            boolean owns = i.vips().stream().anyMatch(v -> v.address().equals(r.address()))
                    || i.excludedVips().stream().anyMatch(v -> v.address().equals(r.address()));
            if (owns && states.get(i.name()) == VrrpState.MASTER) {
                LOG.warn("({}) VIP {} was deleted behind our back - leaving MASTER", i.name(),
                        r.address().getHostAddress());
                perform(engine.onTrack(now, TrackKind.TRACKER, VIP_LOST + i.name(), TrackStatus.DOWN));
                perform(engine.onTrack(now(), TrackKind.TRACKER, VIP_LOST + i.name(), TrackStatus.UP));
            }
        }
    }

    private void perform(List<Action> actions) {
        for (Action a : actions) {
            switch (a) {
                case Action.SendAdvert s -> {
                    AdvertChannel c = channelOf.get(s.name());
                    for (Action.Datagram d : s.datagrams()) {
                        c.send(d.payload(), d.destination());
                    }
                }
                case Action.AddVips add -> vips.add(add.interfaceName(), add.vips());
                case Action.RemoveVips rm -> vips.remove(rm.interfaceName(), rm.vips());
                case Action.SendGratuitous g -> announcer.announce(g);
                case Action.StateChanged c -> states.put(c.name(), c.to());
                case Action.Notify n -> notifier.accept(n);
                case Action.SendMail m -> mail.ifPresent(x -> x.accept(m));
            }
        }
        status = engine.status();
    }

    private static long now() {
        return System.nanoTime() / 1000;
    }

    /**
     * Graceful stop: masters send priority 0 and drop their VIPs, notify STOP runs, then the sockets close.
     * Idempotent.
     */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        if (engineThread != null && engineThread.isAlive()) {
            CountDownLatch done = new CountDownLatch(1);
            queue.add(new Event.Stop(done));
            stopped = true;
            try {
                if (!done.await(5, TimeUnit.SECONDS)) {
                    LOG.warn("VRRP engine did not stop within 5 s");
                }
                engineThread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopped = true;
        closeResources();
    }

    private void closeResources() {
        for (AutoCloseable r : resources.reversed()) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", r, e.toString());
            }
        }
        resources.clear();
    }
}
