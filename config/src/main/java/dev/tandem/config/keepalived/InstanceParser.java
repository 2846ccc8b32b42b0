package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.AddressFamily;
import dev.tandem.config.keepalived.model.AddressText;
import dev.tandem.config.keepalived.model.AuthType;
import dev.tandem.config.keepalived.model.OpaqueLine;
import dev.tandem.config.keepalived.model.SourcePosition;
import dev.tandem.config.keepalived.model.Vip;
import dev.tandem.config.keepalived.model.VipSource;
import dev.tandem.config.keepalived.model.VrrpState;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The keywords of one {@code vrrp_instance} block (keepalived 2.2.7 vrrp_parser.c, keepalived.conf(5)
 * "VRRP instance(s)"), each parsed in one place with keepalived's wording for its problems.
 */
final class InstanceParser {

    static final Set<String> KEYWORDS = Set.of("interface", "virtual_router_id", "state", "priority",
            "advert_int", "version", "authentication", "virtual_ipaddress", "virtual_ipaddress_excluded",
            "virtual_routes", "virtual_rules", "nopreempt", "preempt", "preempt_delay", "garp_master_delay",
            "garp_master_repeat", "garp_master_refresh", "garp_master_refresh_repeat", "garp_lower_prio_delay",
            "garp_lower_prio_repeat", "lower_prio_no_advert", "higher_prio_send_advert", "unicast_src_ip",
            "unicast_peer", "unicast_ttl", "check_unicast_src", "unicast_fault_no_peer", "mcast_src_ip",
            "use_vmac", "vmac_xmit_base", "dont_track_primary", "track_interface", "track_script",
            "track_file", "track_process", "notify", "notify_master", "notify_backup", "notify_fault",
            "notify_stop", "notify_deleted", "notify_master_rx_lower_pri", "smtp_alert", "accept",
            "no_accept", "strict_mode", "v3_checksum_as_v2", "debug", "native_ipv6", "skip_check_adv_addr");

    /** keepalived 2.2.7 keywords Tandem accepts but does not act on yet. */
    static final Set<String> UNSUPPORTED = Set.of("use_vmac_addr", "use_ipvlan", "old_unicast_checksum", "vrf",
            "track_bfd", "mcast_dst_ip", "track_src_ip", "promote_secondaries", "linkbeat_use_polling",
            "notify_priority_changes", "lvs_sync_daemon_interface", "down_timer_adverts", "garp_extra_if",
            "vmac_garp_intvl", "kernel_rx_buf_size");

    private static final long MAX_TIMER_SECONDS = 4294;

    private final InstanceDraft draft;
    private final Diagnostics report;
    private final List<ScriptUse> scriptUses;
    private final String owner;

    private InstanceParser(InstanceDraft draft, Diagnostics report, List<ScriptUse> scriptUses) {
        this.draft = draft;
        this.report = report;
        this.scriptUses = scriptUses;
        this.owner = draft.owner();
    }

    static InstanceDraft parse(Statement section, Diagnostics report, List<ScriptUse> scriptUses) {
        InstanceDraft draft = new InstanceDraft(section.arg(0), section);
        InstanceParser parser = new InstanceParser(draft, report, scriptUses);
        for (Statement at : section.block()) {
            parser.keyword(at);
        }
        return draft;
    }

    private void keyword(Statement at) {
        String keyword = at.name();
        if (Notifies.INSTANCE_KEYWORDS.contains(keyword)) {
            Keywords.noBlock(at, owner, report);
            draft.notifies.parse(at, owner, report, scriptUses);
            return;
        }
        if (TrackBlocks.isTrackKeyword(keyword)) {
            draft.tracks.parse(at, owner, report);
            return;
        }
        if (UNSUPPORTED.contains(keyword)) {
            Keywords.unsupported(at, owner, report);
            return;
        }
        if (!KEYWORDS.contains(keyword)) {
            Keywords.unknown(at, "vrrp_instance", Keywords.concat(KEYWORDS, UNSUPPORTED), report);
            return;
        }
        switch (keyword) {
            case "authentication", "virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes",
                    "virtual_rules", "unicast_peer" -> {
                if (Keywords.needBlock(at, owner, report)) {
                    block(at);
                }
            }
            default -> {
                Keywords.noBlock(at, owner, report);
                simple(at);
            }
        }
    }

    private void block(Statement at) {
        switch (at.name()) {
            case "authentication" -> authentication(at);
            case "virtual_ipaddress" -> {
                for (Statement line : at.block()) {
                    vip(line);
                }
            }
            case "virtual_ipaddress_excluded" -> {
                for (Statement line : at.block()) {
                    Vip vip = VipParser.parse(line, VipSource.VIRTUAL_IPADDRESS_EXCLUDED, report);
                    if (vip != null) {
                        draft.excludedVips.add(vip);
                    }
                }
            }
            case "virtual_routes", "virtual_rules" -> {
                List<OpaqueLine> target = at.name().equals("virtual_routes") ? draft.virtualRoutes : draft.virtualRules;
                for (Statement line : at.block()) {
                    target.add(new OpaqueLine(line.words().stream().map(Word::text).toList(),
                            new SourcePosition(line.file(), line.line())));
                }
                report.notice(at, owner + " " + at.name() + " are parsed but not managed by Tandem yet - "
                        + at.block().size() + " line(s) ignored", "manage these routes or rules outside Tandem for now");
            }
            default -> {
                for (Statement line : at.block()) {
                    UnicastPeerParser.parse(line, draft, report);
                }
            }
        }
    }

    private void simple(Statement at) {
        switch (at.name()) {
            case "interface" -> {
                if (Keywords.needArgs(at, 1, owner, report)) {
                    if (at.arg(0).length() > 15) {
                        report.error(at, "Interface name '" + at.arg(0) + "' too long - ignoring",
                                "Linux interface names have at most 15 characters");
                    } else {
                        draft.interfaceName = at.arg(0);
                        draft.interfaceAt = at;
                    }
                }
            }
            case "virtual_router_id" -> {
                draft.vridWritten = true;
                OptionalInt vrid = at.argCount() > 0 ? Values.integer(at.arg(0), 1, 255) : OptionalInt.empty();
                if (vrid.isEmpty() || at.arg(0).startsWith("+")) {
                    report.error(at, owner + ": VRID '" + (at.argCount() > 0 ? at.arg(0) : "")
                            + "' not valid - must be between 1 & 255", null);
                } else {
                    draft.virtualRouterId = vrid.getAsInt();
                    draft.vridAt = at;
                }
            }
            case "state" -> {
                if (!Keywords.needArgs(at, 1, owner, report)) {
                    return;
                }
                draft.stateAt = at;
                switch (at.arg(0)) {
                    case "MASTER" -> draft.state = VrrpState.MASTER;
                    case "BACKUP" -> {
                        if (draft.state == VrrpState.MASTER) {
                            report.warning(at, owner + " state previously set as MASTER - ignoring BACKUP", null);
                        } else {
                            draft.state = VrrpState.BACKUP;
                        }
                    }
                    default -> {
                        draft.state = VrrpState.BACKUP;
                        report.warning(at, owner + " unknown state '" + at.arg(0) + "', defaulting to BACKUP",
                                "write state BACKUP (or MASTER); with BACKUP on every node and equal priorities the"
                                        + " first node to time out becomes MASTER and keeps it (no preemption on"
                                        + " equal priority)");
                    }
                }
            }
            case "priority" -> {
                OptionalInt priority = at.argCount() > 0 ? Values.integer(at.arg(0), 1, 255) : OptionalInt.empty();
                if (priority.isEmpty() || at.arg(0).startsWith("+")) {
                    report.error(at, owner + " Priority '" + (at.argCount() > 0 ? at.arg(0) : "")
                            + "' not valid! must be between 1 & 255",
                            "backups use 1..254 (default 100); 255 makes this node the address owner");
                } else {
                    draft.priority = priority.getAsInt();
                }
            }
            case "advert_int" -> {
                OptionalLong micros = at.argCount() > 0 ? Values.micros(at.arg(0), 10_000, 255 * Values.MICROS_PER_SECOND)
                        : OptionalLong.empty();
                if (micros.isEmpty()) {
                    report.error(at, owner + " Advert interval (" + (at.argCount() > 0 ? at.arg(0) : "")
                            + ") not valid! must be between 0.01 and 255 seconds",
                            "VRRPv2 takes whole seconds 1..255, VRRPv3 0.01..40.95");
                } else {
                    draft.advertMicros = micros.getAsLong();
                    draft.advertAt = at;
                }
            }
            case "version" -> {
                OptionalInt version = at.argCount() > 0 ? Values.integer(at.arg(0), 2, 3) : OptionalInt.empty();
                if (version.isEmpty() || at.arg(0).startsWith("+")) {
                    report.error(at, owner + ": Version must be either 2 or 3", null);
                } else {
                    draft.version = version.getAsInt();
                }
            }
            case "nopreempt" -> {
                draft.nopreempt = true;
                draft.nopreemptAt = at;
            }
            case "preempt" -> draft.nopreempt = false;
            case "preempt_delay" -> {
                OptionalLong delay = at.argCount() > 0 ? Values.micros(at.arg(0), 0, 1000 * Values.MICROS_PER_SECOND)
                        : OptionalLong.empty();
                if (delay.isEmpty()) {
                    report.error(at, owner + " Preempt_delay not valid! must be between 0-1000", null);
                } else {
                    draft.preemptDelayMicros = delay.getAsLong();
                    draft.preemptDelayAt = at;
                }
            }
            case "garp_master_delay" -> draft.garpMasterDelayMicros = seconds(at, "garp_master_delay '%s' invalid - ignoring");
            case "garp_master_refresh" -> draft.garpMasterRefreshMicros = seconds(at, "Invalid garp_master_refresh '%s' - ignoring");
            case "garp_lower_prio_delay" -> draft.garpLowerPrioDelayMicros = seconds(at, "garp_lower_prio_delay '%s' invalid - ignoring");
            case "garp_master_repeat" -> draft.garpMasterRepeat = repeat(at, "garp_master_repeat");
            case "garp_master_refresh_repeat" -> draft.garpMasterRefreshRepeat = repeat(at, "garp_master_refresh_repeat");
            case "garp_lower_prio_repeat" -> draft.garpLowerPrioRepeat = repeat(at, "garp_lower_prio_repeat");
            case "lower_prio_no_advert" -> draft.lowerPrioNoAdvert = flag(at);
            case "higher_prio_send_advert" -> draft.higherPrioSendAdvert = flag(at);
            case "strict_mode" -> draft.strictMode = flag(at);
            case "skip_check_adv_addr" -> draft.skipCheckAdvAddr = flag(at);
            case "v3_checksum_as_v2" -> draft.v3ChecksumAsV2 = Boolean.TRUE.equals(flag(at));
            case "unicast_src_ip" -> {
                InetAddress address = address(at, "unicast src");
                if (address != null) {
                    draft.unicastSrcIp = address;
                    draft.unicastKeyword = true;
                }
            }
            case "mcast_src_ip" -> {
                InetAddress address = address(at, "src");
                if (address != null) {
                    draft.mcastSrcIp = address;
                }
            }
            case "unicast_ttl" -> {
                OptionalInt ttl = at.argCount() > 0 ? Values.integer(at.arg(0), 0, 255) : OptionalInt.empty();
                if (ttl.isEmpty()) {
                    report.error(at, owner + ": TTL '" + (at.argCount() > 0 ? at.arg(0) : "")
                            + "' not valid - must be between 0 & 255", null);
                } else {
                    draft.unicastTtl = ttl.getAsInt();
                    draft.unicastKeyword = true;
                }
            }
            case "check_unicast_src" -> {
                draft.checkUnicastSrc = true;
                draft.unicastKeyword = true;
            }
            case "unicast_fault_no_peer" -> {
                draft.unicastFaultNoPeer = true;
                draft.unicastKeyword = true;
            }
            case "use_vmac" -> {
                draft.useVmac = true;
                if (at.argCount() > 0) {
                    if (at.arg(0).length() > 15) {
                        report.error(at, "VMAC interface name '" + at.arg(0) + "' too long or invalid characters - ignoring",
                                "Linux interface names have at most 15 characters");
                    } else {
                        draft.vmacName = at.arg(0);
                    }
                }
                if (at.argCount() > 1) {
                    draft.vmacMac = at.arg(1);
                }
            }
            case "vmac_xmit_base" -> draft.vmacXmitBase = true;
            case "dont_track_primary" -> draft.dontTrackPrimary = true;
            case "smtp_alert" -> {
                draft.smtpAlertAt = at;
                if (at.argCount() == 0) {
                    draft.smtpAlert = true;
                } else {
                    Optional<Boolean> value = Values.bool(at.arg(0));
                    if (value.isEmpty()) {
                        report.error(at, "Invalid vrrp_instance smtp_alert parameter " + at.arg(0),
                                "write smtp_alert, smtp_alert true or smtp_alert false");
                    } else {
                        draft.smtpAlert = value.get();
                    }
                }
            }
            case "accept" -> draft.accept = true;
            case "no_accept" -> draft.accept = false;
            case "debug" -> {
                OptionalInt level = at.argCount() == 0 ? OptionalInt.of(0) : Values.integer(at.arg(0), 0, 4);
                if (level.isEmpty()) {
                    report.error(at, owner + " Debug value '" + at.arg(0) + "' not valid; must be between 0-4", null);
                } else {
                    draft.debug = level.getAsInt();
                }
            }
            case "native_ipv6" -> {
                if (draft.family == AddressFamily.IPV4) {
                    report.error(at, owner + " Cannot specify native_ipv6 with IPv4 addresses", null);
                } else {
                    draft.family = AddressFamily.IPV6;
                    draft.nativeIpv6 = true;
                }
            }
            default -> throw new IllegalStateException("keyword without a parser: " + at.name());
        }
    }

    private void authentication(Statement at) {
        for (Statement line : at.block()) {
            Keywords.noBlock(line, owner, report);
            switch (line.name()) {
                case "auth_type" -> {
                    if (!Keywords.needArgs(line, 1, owner, report)) {
                        continue;
                    }
                    switch (line.arg(0)) {
                        case "PASS" -> draft.authType = AuthType.PASS;
                        case "AH" -> draft.authType = AuthType.AH;
                        default -> report.error(line, owner + " unknown authentication type '" + line.arg(0) + "'",
                                "auth_type is PASS or AH");
                    }
                    draft.authAt = at;
                }
                case "auth_pass" -> {
                    if (!Keywords.needArgs(line, 1, owner, report)) {
                        continue;
                    }
                    String password = line.arg(0);
                    if (password.length() > 8) {
                        report.warning(line, "Truncating auth_pass to 8 characters",
                                "VRRPv2 carries 8 bytes of password; peers compare only '" + password.substring(0, 8) + "'");
                        password = password.substring(0, 8);
                    }
                    draft.authPass = password;
                    draft.authAt = at;
                }
                default -> Keywords.unknown(line, "authentication", List.of("auth_type", "auth_pass"), report);
            }
        }
    }

    private void vip(Statement line) {
        Vip vip = VipParser.parse(line, VipSource.VIRTUAL_IPADDRESS, report);
        if (vip == null) {
            return;
        }
        if (draft.family == null) {
            draft.family = vip.family();
        }
        if (vip.family() == draft.family) {
            draft.vips.add(vip);
        } else {
            draft.addOtherFamilyVip(new Vip(vip.address(), vip.prefixLength(), vip.device(), vip.broadcast(),
                    vip.scope(), vip.label(), vip.peer(), vip.noTrack(), VipSource.OTHER_FAMILY, vip.position()), line);
        }
        if (vip.family() == AddressFamily.IPV6 && vip.prefixLength() == 32) {
            report.warning(line, "IPv6 VIP " + line.name() + " has prefix /32: installing it adds an on-link route for"
                    + " the whole " + network(vip) + "/32", "use /128 for a lone address, or the subnet's real prefix"
                    + " (usually /64)");
        }
    }

    private InetAddress address(Statement at, String what) {
        if (!Keywords.needArgs(at, 1, owner, report)) {
            return null;
        }
        Optional<InetAddress> address = Values.ip(at.arg(0));
        if (address.isEmpty()) {
            report.error(at, "Configuration error: VRRP instance[" + draft.name + "] malformed " + what + " address["
                    + at.arg(0) + "]. Skipping...", null);
            return null;
        }
        AddressFamily family = AddressFamily.of(address.get());
        if (draft.family != null && draft.family != family) {
            report.error(at, "Configuration error: VRRP instance[" + draft.name + "] and " + what + " address["
                    + at.arg(0) + "] MUST be of the same family !!! Skipping...", null);
            return null;
        }
        if (draft.family == null) {
            draft.family = family;
        }
        return address.get();
    }

    private Long seconds(Statement at, String format) {
        OptionalLong value = at.argCount() > 0
                ? Values.micros(at.arg(0), 0, MAX_TIMER_SECONDS * Values.MICROS_PER_SECOND) : OptionalLong.empty();
        if (value.isEmpty() || value.getAsLong() % Values.MICROS_PER_SECOND != 0) {
            report.error(at, owner + ": " + String.format(format, at.argCount() > 0 ? at.arg(0) : ""),
                    "write whole seconds, 0.." + MAX_TIMER_SECONDS);
            return null;
        }
        return value.getAsLong();
    }

    private Integer repeat(Statement at, String keyword) {
        OptionalInt value = at.argCount() > 0 ? Values.integer(at.arg(0), 0, 65535) : OptionalInt.empty();
        if (value.isEmpty()) {
            report.error(at, owner + ": " + keyword + " '" + (at.argCount() > 0 ? at.arg(0) : "") + "' invalid - ignoring", null);
            return null;
        }
        if (value.getAsInt() == 0) {
            report.warning(at, owner + ": " + keyword + " must be greater than 0, setting to 1", null);
            return 1;
        }
        return value.getAsInt();
    }

    private Boolean flag(Statement at) {
        if (at.argCount() == 0) {
            return true;
        }
        Optional<Boolean> value = Values.bool(at.arg(0));
        if (value.isEmpty()) {
            report.error(at, owner + " invalid " + at.name() + " " + at.arg(0) + " specified", "write true or false");
            return null;
        }
        return value.get();
    }

    private static String network(Vip vip) {
        byte[] bytes = vip.address().getAddress();
        int prefix = vip.prefixLength();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
        }
        try {
            return AddressText.of(InetAddress.getByAddress(bytes));
        } catch (java.net.UnknownHostException e) {
            return AddressText.of(vip.address());
        }
    }
}
