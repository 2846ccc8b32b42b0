package dev.tandem.vrrp;

import dev.tandem.config.keepalived.model.GlobalDefs;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import dev.tandem.config.keepalived.model.NotifyCommand;
import dev.tandem.config.keepalived.model.SyncGroup;
import dev.tandem.config.keepalived.model.TrackedFile;
import dev.tandem.config.keepalived.model.TrackedInterface;
import dev.tandem.config.keepalived.model.TrackedProcess;
import dev.tandem.config.keepalived.model.TrackedScript;
import dev.tandem.config.keepalived.model.Tracking;
import dev.tandem.config.keepalived.model.UnicastPeer;
import dev.tandem.config.keepalived.model.VrrpInstance;
import dev.tandem.config.keepalived.model.VrrpScript;
import dev.tandem.vrrp.notify.NotifyScripts;
import dev.tandem.vrrp.notify.SmtpSettings;
import dev.tandem.vrrp.packet.ChecksumForm;
import dev.tandem.vrrp.track.ScriptSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the VRRP side of a node needs, mapped from a compiled keepalived.conf model: engine settings,
 * vrrp_scripts to run, notify scripts per instance/group, and mail settings when keepalived would send mail.
 *
 * @param warnings what the mapping could not carry over, one line each
 */
public record KeepalivedSettings(List<InstanceSettings> instances, List<SyncGroupSettings> syncGroups,
                                 List<ScriptSettings> scripts, Map<String, NotifyScripts> notifies,
                                 Optional<SmtpSettings> smtp, List<String> warnings) {

    /** The interface's primary address (IPv6: its link-local address), a host fact the node looks up. */
    @FunctionalInterface
    public interface PrimaryAddress {
        Optional<InetAddress> of(String interfaceName, boolean ipv6);
    }

    public KeepalivedSettings {
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        scripts = List.copyOf(scripts);
        notifies = Map.copyOf(notifies);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param hostName router_id's default (keepalived uses the host name)
     * @throws IllegalArgumentException for what the engine cannot run (e.g. auth_type AH), with the reason
     */
    public static KeepalivedSettings from(KeepalivedConfig cfg, PrimaryAddress primary, String hostName) {
        List<String> warnings = new ArrayList<>();
        GlobalDefs g = cfg.global();
        boolean mail = g.canSendMail();
        List<InstanceSettings> instances = new ArrayList<>();
        Map<String, NotifyScripts> notifies = new HashMap<>();
        for (VrrpInstance i : cfg.instances()) {
            Optional<SyncGroup> group = cfg.syncGroupOf(i);
            instances.add(instance(i, group, primary, mail, warnings));
            notifies.put(i.name(), notify(i.notifyScripts()));
        }
        List<SyncGroupSettings> groups = new ArrayList<>();
        for (SyncGroup sg : cfg.syncGroups()) {
            if (sg.members().isEmpty()) {
                warnings.add("sync group " + sg.name() + " has no existing member - ignoring");
                continue;
            }
            groups.add(new SyncGroupSettings(sg.name(), sg.memberNames(), sg.trackingWeight(), sg.smtpAlert() && mail));
            notifies.put(sg.name(), notify(sg.notifyScripts()));
        }
        List<ScriptSettings> scripts = new ArrayList<>();
        for (VrrpScript s : cfg.scripts()) {
            scripts.add(new ScriptSettings(s.name(), s.command().argv(), s.interval(), s.timeout(), s.rise(), s.fall(),
                    s.initFail(), s.user().orElse("")));
        }
        Optional<SmtpSettings> smtp = Optional.empty();
        if (mail) {
            var server = g.smtpServer().orElseThrow();
            String router = g.routerId().orElse(hostName);
            smtp = Optional.of(new SmtpSettings(server.host(), server.port(),
                    g.notificationEmailFrom().orElse("keepalived@" + hostName), g.notificationEmails(),
                    g.smtpConnectTimeout(), router));
        }
        return new KeepalivedSettings(instances, groups, scripts, notifies, smtp, warnings);
    }

    private static InstanceSettings instance(VrrpInstance i, Optional<SyncGroup> group, PrimaryAddress primary,
                                             boolean mail, List<String> warnings) {
        boolean ipv6 = i.family() == dev.tandem.config.keepalived.model.AddressFamily.IPV6;
        String ifname = i.interfaceName().orElse("");
        Optional<InetAddress> source = i.unicast().sourceIp().or(i::mcastSourceIp)
                .or(() -> primary.of(ifname, ipv6));
        if (source.isEmpty()) {
            warnings.add("(" + i.name() + ") no " + (ipv6 ? "IPv6 link-local" : "IPv4") + " address on interface "
                    + ifname + "; using the unspecified address until the IO layer knows better");
        }
        InstanceSettings.Builder b = InstanceSettings.builder(i.name(), i.virtualRouterId(),
                        source.orElseGet(() -> unspecified(ipv6)))
                .interfaceName(ifname)
                .version(i.version())
                .priority(i.priority())
                .initialState(i.initialState() == dev.tandem.config.keepalived.model.VrrpState.MASTER
                        ? VrrpState.MASTER : VrrpState.BACKUP)
                .advertIntervalCentis(i.advertIntervalCentis())
                .nopreempt(!i.preemption().preempt())
                .preemptDelay(i.preemption().delay())
                .lowerPrioNoAdvert(i.lowerPrioNoAdvert())
                .checksumForm(i.v3ChecksumAsV2() ? ChecksumForm.VRRP_MESSAGE_ONLY : ChecksumForm.IPV4_PSEUDO_HEADER)
                .smtpAlert(i.smtpAlert() && mail)
                .higherPrioSendAdvert(i.higherPrioSendAdvert())
                .dontTrackPrimary(i.dontTrackPrimary())
                .checkUnicastSource(i.unicast().checkSource());
        var garp = i.garp();
        b.garp(new GarpSettings(garp.masterDelay(), Math.max(1, garp.masterRepeat()), garp.masterRefresh(),
                Math.max(1, garp.masterRefreshRepeat()), garp.lowerPrioDelay(), Math.max(0, garp.lowerPrioRepeat()),
                garp.garpInterval(), garp.gnaInterval()));
        i.authentication().ifPresent(a -> {
            if (a.type() == dev.tandem.config.keepalived.model.AuthType.AH) {
                throw new IllegalArgumentException("(" + i.name() + ") auth_type AH is not supported by tandem;"
                        + " use auth_type PASS or no authentication");
            }
            b.authPass(a.password());
        });
        for (var v : i.vips()) {
            b.vip(vip(v));
        }
        for (var v : i.excludedVips()) {
            b.excludedVip(vip(v));
        }
        for (UnicastPeer p : i.unicast().peers()) {
            b.unicastPeer(p.address());
        }
        tracks(i.tracking(), false, b, warnings, i.name());
        // keepalived.conf(5) vrrp_sync_group: tracking on the group applies to every member and means FAULT.
        group.ifPresent(sg -> tracks(sg.tracking(), true, b, warnings, i.name()));
        return b.build();
    }

    private static void tracks(Tracking t, boolean forceZero, InstanceSettings.Builder b, List<String> warnings,
                               String name) {
        for (TrackedInterface ti : t.interfaces()) {
            b.track(new Track(TrackKind.INTERFACE, ti.name(), forceZero ? 0 : ti.weight(), ti.reverse(), false));
        }
        for (TrackedScript ts : t.scripts()) {
            b.track(new Track(TrackKind.SCRIPT, ts.script().name(), forceZero ? 0 : ts.weight(), ts.reverse(),
                    ts.script().initFail()));
        }
        for (TrackedFile tf : t.files()) {
            b.track(new Track(TrackKind.FILE, tf.file().name(), forceZero ? 0 : tf.weight(), tf.reverse(), false));
        }
        for (TrackedProcess tp : t.processes()) {
            warnings.add("(" + name + ") track_process " + tp.process().name()
                    + " is tracked as an in-process Tracker of that name; nothing feeds it yet");
            b.track(new Track(TrackKind.TRACKER, tp.process().name(), forceZero ? 0 : tp.weight(), tp.reverse(),
                    false));
        }
    }

    private static Vip vip(dev.tandem.config.keepalived.model.Vip v) {
        return new Vip(v.address(), v.prefixLength(), v.device().orElse(""));
    }

    private static NotifyScripts notify(dev.tandem.config.keepalived.model.NotifyScripts n) {
        return new NotifyScripts(argv(n.generic()), argv(n.master()), argv(n.backup()), argv(n.fault()),
                argv(n.stop()));
    }

    private static List<String> argv(Optional<NotifyCommand> c) {
        return c.map(NotifyCommand::argv).orElse(List.of());
    }

    private static InetAddress unspecified(boolean ipv6) {
        try {
            return InetAddress.getByAddress(new byte[ipv6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
