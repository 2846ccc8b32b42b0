package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.AddressFamily;
import dev.tandem.config.keepalived.model.AuthType;
import dev.tandem.config.keepalived.model.Authentication;
import dev.tandem.config.keepalived.model.GarpSettings;
import dev.tandem.config.keepalived.model.GlobalDefs;
import dev.tandem.config.keepalived.model.Preemption;
import dev.tandem.config.keepalived.model.SourcePosition;
import dev.tandem.config.keepalived.model.TrackedFile;
import dev.tandem.config.keepalived.model.TrackedInterface;
import dev.tandem.config.keepalived.model.TrackedScript;
import dev.tandem.config.keepalived.model.Tracking;
import dev.tandem.config.keepalived.model.Unicast;
import dev.tandem.config.keepalived.model.UnicastPeer;
import dev.tandem.config.keepalived.model.Vip;
import dev.tandem.config.keepalived.model.Vmac;
import dev.tandem.config.keepalived.model.VrrpInstance;
import dev.tandem.config.keepalived.model.VrrpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Completes an instance the way keepalived 2.2.7's vrrp_complete_instance() does: family,
 * version, priority from state, authentication rules, advert interval rounding, preemption
 * clearing, GARP defaults; and resolves its tracking. Diagnostics use keepalived's wording.
 */
final class InstanceCompleter {

    private final GlobalDefs global;
    private final GlobalDefsParser globalParser;
    private final TrackResolver tracks;
    private final Diagnostics report;

    InstanceCompleter(GlobalDefs global, GlobalDefsParser globalParser, TrackResolver tracks, Diagnostics report) {
        this.global = global;
        this.globalParser = globalParser;
        this.tracks = tracks;
        this.report = report;
    }

    VrrpInstance complete(InstanceDraft d, Optional<Boolean> groupSmtpAlert, boolean groupTrackingWeight) {
        String owner = d.owner();
        boolean strict = d.strictMode != null ? d.strictMode : global.vrrpStrict();
        AddressFamily family = d.family != null ? d.family : AddressFamily.IPV4;

        int version;
        if (family == AddressFamily.IPV6 && Integer.valueOf(2).equals(d.version) && strict) {
            report.warning(d.at, owner + " cannot use IPv6 with VRRP version 2; setting version 3", null);
            version = 3;
        } else if (d.version != null) {
            version = d.version;
            if (family == AddressFamily.IPV6 && version == 2) {
                report.warning(d.at, owner + " VRRP version 2 is defined for IPv4 only (RFC 3768); keepalived sends"
                        + " version 2 adverts over IPv6 anyway, which RFC 5798 peers drop",
                        "write version 3 for an IPv6 instance");
            }
        } else {
            version = family == AddressFamily.IPV6 ? 3 : global.vrrpVersion();
        }

        if (d.virtualRouterId == null && !d.vridWritten) {
            report.error(d.at, owner + " the virtual router id must be set", "add virtual_router_id 1..255 to the instance");
        }
        if (d.interfaceName == null) {
            if (d.unicastPeers.isEmpty()) {
                report.error(d.at, owner + " Unknown interface!", "add interface <name> to the instance");
            } else if (d.unicastSrcIp == null) {
                report.error(d.at, owner + ": Unicast instances must have unicast_src_ip or interface", null);
            }
        }
        if (d.vips.isEmpty()) {
            if (version == 3 || strict) {
                report.error(d.at, owner + " No VIP specified; at least one is required",
                        "add virtual_ipaddress { <address> } of the instance's family");
            } else {
                report.warning(d.at, owner + " No VIP specified; at least one is sensible", null);
            }
        }

        // RFC 5798 §5.2.9: an IPv6 advert's first address is the link-local one; keepalived insists only in strict mode.
        if (strict && family == AddressFamily.IPV6 && d.unicastPeers.isEmpty() && !d.vips.isEmpty()
                && !d.vips.getFirst().address().isLinkLocalAddress()) {
            report.warning(d.at, owner + " the first IPv6 VIP address must be link local",
                    "put a fe80:: address first in virtual_ipaddress (RFC 5798 §5.2.9)");
        }

        int priority;
        if (d.priority != null) {
            priority = d.priority;
        } else if (d.state == VrrpState.MASTER) {
            priority = 255;
            report.notice(d.stateAt, owner + " state MASTER without priority: the priority is 255 (address owner);"
                    + " this node takes over at once and can never be preempted",
                    "write priority 150 (any value 1..254) so that a failed-over node gives the VIPs back only by"
                            + " preemption");
        } else {
            priority = 100;
        }
        VrrpState state = d.state != null ? d.state : (priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP);
        if (strict && (state == VrrpState.MASTER) != (priority == 255)) {
            report.warning(d.stateAt != null ? d.stateAt : d.at, owner + " State MASTER must match being address owner", null);
            state = priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
        }

        Optional<Authentication> auth = authentication(d, owner, strict, version, family, state, priority);
        if (auth.isPresent() && auth.get().type() == AuthType.AH && state == VrrpState.MASTER && priority != 255) {
            state = VrrpState.BACKUP;
        }

        Unicast unicast = unicast(d, owner, family, strict);
        int advert = advertInterval(d, owner, version);
        Preemption preemption = preemption(d, owner, strict, state, priority);
        GarpSettings garp = garp(d);

        boolean smtpAlert = d.smtpAlert != null ? d.smtpAlert : groupSmtpAlert.orElse(global.smtpAlert());
        if (smtpAlert && d.smtpAlertAt != null && !global.canSendMail()) {
            report.warning(d.smtpAlertAt, owner + " smtp_alert is set but global_defs has no "
                    + (global.notificationEmails().isEmpty() ? "notification_email" : "smtp_server")
                    + " - no mail will be sent", "add notification_email { ... } and smtp_server to global_defs");
        }

        Optional<Vmac> vmac = Optional.empty();
        if (d.useVmac) {
            vmac = Optional.of(new Vmac(Optional.ofNullable(d.vmacName), Optional.ofNullable(d.vmacMac), d.vmacXmitBase));
        } else if (d.vmacXmitBase) {
            report.warning(d.at, owner + " vmac_xmit_base is only valid with a vmac - ignoring", "add use_vmac");
        }

        Tracking tracking = unweighted(d, tracks.resolve(d.tracks, owner), priority, groupTrackingWeight);
        List<Vip> excluded = new ArrayList<>(d.excludedVips);
        excluded.addAll(d.otherFamilyVips);
        OtherFamilyVips.report(d, family, report);

        return new VrrpInstance(d.name, Optional.ofNullable(d.interfaceName), family,
                d.virtualRouterId == null ? 0 : d.virtualRouterId, state, priority, version, advert, auth,
                d.vips, excluded, d.virtualRoutes, d.virtualRules, preemption, garp,
                d.lowerPrioNoAdvert != null ? d.lowerPrioNoAdvert : globalParser.lowerPrioNoAdvert,
                d.higherPrioSendAdvert != null ? d.higherPrioSendAdvert : globalParser.higherPrioSendAdvert,
                unicast, Optional.ofNullable(d.mcastSrcIp), vmac, d.dontTrackPrimary, tracking, d.notifies.scripts(),
                smtpAlert, d.accept != null ? d.accept : !strict, strict, d.v3ChecksumAsV2,
                d.skipCheckAdvAddr != null ? d.skipCheckAdvAddr : global.skipCheckAdvAddr(), d.nativeIpv6, d.debug,
                Optional.ofNullable(d.syncGroup), new SourcePosition(d.at.file(), d.at.line()));
    }

    /**
     * keepalived.conf(5), vrrp_sync_group: "any track scripts/files configured against member VRRP
     * instances will have their tracking weights automatically set to zero" (unless
     * sync_group_tracking_weight), and an address owner ignores weights; vrrp.c drops weighted
     * scripts entirely in both cases.
     */
    private Tracking unweighted(InstanceDraft d, Tracking tracking, int priority, boolean groupTrackingWeight) {
        boolean sync = d.syncGroup != null && !groupTrackingWeight;
        if (!sync && priority != 255) {
            return tracking;
        }
        String owner = d.owner();
        String why = sync ? "SYNC group" : "address owner";
        String hint = sync ? "add sync_group_tracking_weight to vrrp_sync_group " + d.syncGroup
                + ", or move the tracking to the sync group" : "an address owner (priority 255) never changes priority";
        List<TrackedInterface> interfaces = new ArrayList<>();
        for (TrackedInterface tracked : tracking.interfaces()) {
            if (tracked.weight() == 0) {
                interfaces.add(tracked);
                continue;
            }
            report.warning(refAt(d.tracks.interfaces, tracked.name(), d), owner + " ignoring " + tracked.name()
                    + " tracked interface " + (sync ? "weight " : "") + "due to " + why, hint);
            if (sync) {
                interfaces.add(new TrackedInterface(tracked.name(), 0, tracked.reverse()));
            }
        }
        List<TrackedScript> scripts = new ArrayList<>();
        for (TrackedScript tracked : tracking.scripts()) {
            if (tracked.weight() == 0) {
                scripts.add(tracked);
                continue;
            }
            report.warning(refAt(d.tracks.scripts, tracked.script().name(), d), owner + " ignoring tracked script "
                    + tracked.script().name() + " with weights due to " + (sync ? why : "address_owner"), hint);
        }
        List<TrackedFile> files = new ArrayList<>();
        for (TrackedFile tracked : tracking.files()) {
            Statement at = refAt(d.tracks.files, tracked.file().name(), d);
            boolean defaultWeight = tracked.weight() == 1 && d.tracks.files.stream()
                    .noneMatch(r -> r.name().equals(tracked.file().name()) && r.weight().isPresent());
            if (tracked.weight() == 0) {
                files.add(tracked);
            } else if (defaultWeight) {
                report.warning(at, owner + " ignoring weight from tracked file " + tracked.file().file() + " due to "
                        + (sync ? why : "address_owner") + ". specify weight 0", hint);
                files.add(new TrackedFile(tracked.file(), 0, tracked.reverse()));
            } else {
                report.warning(at, owner + " ignoring tracked file " + tracked.file().file() + " with weight "
                        + tracked.weight() + " due to " + (sync ? why : "address_owner"), hint);
            }
        }
        return new Tracking(interfaces, scripts, files, tracking.processes());
    }

    private static Statement refAt(List<TrackRef> refs, String name, InstanceDraft d) {
        return refs.stream().filter(r -> r.name().equals(name)).findFirst().map(TrackRef::at).orElse(d.at);
    }

    private Optional<Authentication> authentication(InstanceDraft d, String owner, boolean strict, int version,
            AddressFamily family, VrrpState state, int priority) {
        if (d.authType == null) {
            if (d.authPass != null) {
                report.warning(d.authAt, owner + " auth_pass without auth_type - no authentication is used",
                        "add auth_type PASS, or remove the authentication block");
            }
            return Optional.empty();
        }
        Statement at = d.authAt;
        if (strict) {
            report.warning(at, owner + " Strict mode does not support authentication. Ignoring.", null);
        } else if (version == 3) {
            report.warning(at, owner + " VRRP version 3 does not support authentication. Ignoring.",
                    "remove the authentication block; VRRPv3 (RFC 5798) has no authentication field");
        } else if (d.authPass == null || d.authPass.isEmpty()) {
            report.warning(at, owner + " Authentication specified but no password given. Ignoring", "add auth_pass");
        } else if (family == AddressFamily.IPV6 && d.authType == AuthType.AH) {
            report.warning(at, owner + " Cannot use AH authentication with IPv6. ignoring", null);
        } else {
            if (d.authType == AuthType.AH && state == VrrpState.MASTER && priority != 255) {
                report.warning(at, owner + " Initial state master is incompatible with AH authentication - clearing", null);
            }
            return Optional.of(new Authentication(d.authType, d.authPass));
        }
        return Optional.empty();
    }

    private Unicast unicast(InstanceDraft d, String owner, AddressFamily family, boolean strict) {
        List<UnicastPeer> peers = new ArrayList<>();
        for (int i = 0; i < d.unicastPeers.size(); i++) {
            UnicastPeer peer = d.unicastPeers.get(i);
            if (peer.family() != family) {
                report.error(d.unicastPeerAt.get(i), "Configuration error: VRRP instance[" + d.name
                        + "] and unicast peer address[" + d.unicastPeerAt.get(i).name()
                        + "] MUST be of the same family !!! Skipping...",
                        "this " + family.label() + " instance needs " + family.label() + " peers; put "
                                + peer.family().label() + " peers in an instance of that family");
            } else {
                peers.add(peer);
            }
        }
        if (strict && !peers.isEmpty()) {
            report.warning(d.at, owner + " Unicast peers are not supported in strict mode", null);
        }
        if (d.unicastKeyword && d.unicastPeers.isEmpty() && !d.unicastFaultNoPeer) {
            report.warning(d.at, owner + " A unicast keyword has been specified without any unicast peers."
                    + " Defaulting to multicast. This usage is deprecated - please update your configuration.", null);
        }
        int ttl = d.unicastTtl != null ? d.unicastTtl : 255;
        boolean check = d.checkUnicastSrc != null ? d.checkUnicastSrc : global.checkUnicastSrc();
        return new Unicast(Optional.ofNullable(d.unicastSrcIp), peers, ttl, check, d.unicastFaultNoPeer);
    }

    /** RFC 3768 §5.3.7 (v2: whole seconds) and RFC 5798 §5.2.7 (v3: 12-bit centiseconds), as keepalived rounds. */
    private int advertInterval(InstanceDraft d, String owner, int version) {
        long micros = d.advertMicros != null ? d.advertMicros : Values.MICROS_PER_SECOND;
        Statement at = d.advertAt != null ? d.advertAt : d.at;
        if (version == 2) {
            if (micros % Values.MICROS_PER_SECOND != 0) {
                report.warning(at, owner + " VRRPv2 advertisement interval " + String.format(Locale.ROOT, "%fs",
                        micros / 1e6) + " must be an integer. rounding", "VRRPv2 adverts carry whole seconds;"
                        + " use version 3 for sub-second intervals");
                micros = micros + Values.MICROS_PER_SECOND / 2;
                micros -= micros % Values.MICROS_PER_SECOND;
                if (micros == 0) {
                    micros = Values.MICROS_PER_SECOND;
                }
            }
        } else if (micros >= 4096 * 10_000L) {
            report.warning(at, owner + " VRRPv3 advertisement interval " + String.format(Locale.ROOT, "%.2fs", micros / 1e6)
                    + " is out of range. Must be less than 40.96s. Setting to 40.95s", null);
            micros = 4095 * 10_000L;
        } else if (micros % 10_000 != 0) {
            report.warning(at, owner + " VRRPv3 advertisement interval " + String.format(Locale.ROOT, "%fs", micros / 1e6)
                    + " must be in units of 10ms - rounding", null);
            micros = micros + 5_000;
            micros -= micros % 10_000;
            if (micros == 0) {
                micros = 10_000;
            }
        }
        return Values.centis(micros);
    }

    private Preemption preemption(InstanceDraft d, String owner, boolean strict, VrrpState state, int priority) {
        boolean nopreempt = d.nopreempt;
        long delay = d.preemptDelayMicros != null ? d.preemptDelayMicros : 0;
        Statement nopreemptAt = d.nopreemptAt != null ? d.nopreemptAt : d.at;
        Statement delayAt = d.preemptDelayAt != null ? d.preemptDelayAt : d.at;
        if (priority == 255 && nopreempt) {
            report.warning(nopreemptAt, owner + " nopreempt is incompatible with priority 255. resetting nopreempt", null);
            nopreempt = false;
        }
        if (state == VrrpState.MASTER) {
            if (nopreempt) {
                report.warning(nopreemptAt, owner + " Warning - nopreempt will not work with initial state MASTER - clearing",
                        "nopreempt needs state BACKUP on every node (keepalived.conf(5), nopreempt)");
                nopreempt = false;
            }
            if (delay > 0) {
                report.warning(delayAt, owner + " Warning - preempt delay will not work with initial state MASTER - clearing",
                        "preempt_delay needs state BACKUP");
                delay = 0;
            }
        }
        if (delay > 0 && strict) {
            report.warning(delayAt, owner + " preempt_delay is incompatible with strict mode - resetting", null);
            delay = 0;
        }
        if (delay > 0 && nopreempt) {
            report.warning(delayAt, owner + " preempt_delay is incompatible with nopreempt mode - resetting", null);
            delay = 0;
        }
        return new Preemption(!nopreempt, Duration.ofNanos(delay * 1000));
    }

    private GarpSettings garp(InstanceDraft d) {
        GarpSettings g = global.garp();
        return new GarpSettings(
                d.garpMasterDelayMicros != null ? micros(d.garpMasterDelayMicros) : g.masterDelay(),
                d.garpMasterRepeat != null ? d.garpMasterRepeat : g.masterRepeat(),
                d.garpMasterRefreshMicros != null ? micros(d.garpMasterRefreshMicros) : g.masterRefresh(),
                d.garpMasterRefreshRepeat != null ? d.garpMasterRefreshRepeat : g.masterRefreshRepeat(),
                d.garpLowerPrioDelayMicros != null ? micros(d.garpLowerPrioDelayMicros) : g.lowerPrioDelay(),
                d.garpLowerPrioRepeat != null ? d.garpLowerPrioRepeat : g.lowerPrioRepeat(),
                g.garpInterval(), g.gnaInterval());
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }
}
