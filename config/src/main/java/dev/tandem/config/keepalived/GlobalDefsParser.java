package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.AddressFamily;
import dev.tandem.config.keepalived.model.GarpSettings;
import dev.tandem.config.keepalived.model.GlobalDefs;
import dev.tandem.config.keepalived.model.NotifyCommand;
import dev.tandem.config.keepalived.model.NotifyFifo;
import dev.tandem.config.keepalived.model.OpaqueLine;
import dev.tandem.config.keepalived.model.ScriptUser;
import dev.tandem.config.keepalived.model.SmtpServer;
import dev.tandem.config.keepalived.model.SourcePosition;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** The {@code global_defs} block (keepalived 2.2.7 global_parser.c, keepalived.conf(5) "Global definitions"). */
final class GlobalDefsParser {

    static final Set<String> KEYWORDS = Set.of("router_id", "notification_email", "notification_email_from",
            "smtp_server", "smtp_connect_timeout", "smtp_helo_name", "smtp_alert", "smtp_alert_vrrp",
            "enable_script_security", "script_user", "vrrp_version", "vrrp_strict", "vrrp_garp_master_delay",
            "vrrp_garp_master_repeat", "vrrp_garp_master_refresh", "vrrp_garp_master_refresh_repeat",
            "vrrp_garp_lower_prio_delay", "vrrp_garp_lower_prio_repeat", "vrrp_garp_interval",
            "vrrp_gna_interval", "vrrp_mcast_group4", "vrrp_mcast_group6", "vrrp_skip_check_adv_addr",
            "vrrp_check_unicast_src", "vrrp_notify_fifo", "vrrp_notify_fifo_script", "notify_fifo",
            "notify_fifo_script", "lvs_id", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert");

    /** keepalived 2.2.7 global keywords with no effect on Tandem (LVS, SNMP, process tuning, ...). */
    static final Set<String> UNMANAGED = Set.of("linkbeat_use_polling", "net_namespace", "net_namespace_ipvs",
            "namespace_with_ipsets", "use_pid_dir", "instance", "child_wait_time", "process_names",
            "process_name", "vrrp_process_name", "checker_process_name", "lvs_process_name", "bfd_process_name",
            "startup_script", "startup_script_timeout", "shutdown_script", "shutdown_script_timeout",
            "max_auto_priority", "min_auto_priority_delay", "smtp_alert_checker", "checker_log_all_failures",
            "dynamic_interfaces", "no_email_faults", "default_interface", "disable_local_igmp", "lvs_timeouts",
            "lvs_flush", "lvs_flush_on_stop", "lvs_flush_onstop", "lvs_sync_daemon", "vrrp_down_timer_adverts",
            "vrrp_min_garp", "vrrp_garp_extra_if", "vrrp_vmac_garp_intvl", "vrrp_iptables", "vrrp_ipsets",
            "nftables", "nftables_priority", "nftables_ifindex", "nftables_ipvs", "nftables_ipvs_priority",
            "nftables_ipvs_start_fwmark", "nftables_counters", "vrrp_priority", "vrrp_no_swap",
            "vrrp_rt_priority", "vrrp_cpu_affinity", "vrrp_rlimit_rttime", "vrrp_rlimit_rtime",
            "vrrp_notify_priority_changes", "fifo_write_vrrp_states_on_reload", "lvs_notify_fifo",
            "lvs_notify_fifo_script", "checker_priority", "checker_no_swap", "checker_rt_priority",
            "checker_cpu_affinity", "checker_rlimit_rttime", "checker_rlimit_rtime", "bfd_priority",
            "bfd_no_swap", "bfd_rt_priority", "bfd_cpu_affinity", "bfd_rlimit_rttime", "bfd_rlimit_rtime",
            "snmp_socket", "enable_traps", "enable_snmp_vrrp", "enable_snmp_keepalived", "enable_snmp_rfc",
            "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_snmp_checker", "enable_dbus", "dbus_service_name",
            "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
            "vrrp_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force",
            "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
            "lvs_netlink_monitor_rcv_bufs_force", "rs_init_notifies", "no_checker_emails", "vrrp_rx_bufs_policy",
            "vrrp_rx_bufs_multiplier", "vrrp_startup_delay", "log_unknown_vrids", "vmac_prefix",
            "vmac_addr_prefix", "umask", "random_seed", "reload_check_config", "reload_time_file",
            "reload_repeat", "reload_file", "include_check", "config_save_dir", "tmp_config_directory",
            "data_use_instance");

    private static final long MAX_TIMER_SECONDS = 4294;

    private final Diagnostics report;
    private final List<ScriptUse> scriptUses;
    private Optional<String> routerId = Optional.empty();
    private final List<String> emails = new ArrayList<>();
    private Optional<String> emailFrom = Optional.empty();
    private Optional<SmtpServer> smtpServer = Optional.empty();
    private Duration smtpConnectTimeout = Duration.ofSeconds(30);
    private Optional<String> smtpHelo = Optional.empty();
    private boolean smtpAlert;
    private boolean scriptSecurity;
    private Optional<ScriptUser> scriptUser = Optional.empty();
    private int vrrpVersion = 2;
    private boolean vrrpStrict;
    private GarpSettings garp = GarpSettings.DEFAULT;
    private boolean lowerPrioDelaySet;
    private boolean lowerPrioRepeatSet;
    private InetAddress group4 = Values.ip("224.0.0.18").orElseThrow();
    private InetAddress group6 = Values.ip("ff02::12").orElseThrow();
    private boolean skipCheckAdvAddr;
    private boolean checkUnicastSrc;
    private Path notifyFifo;
    private NotifyCommand notifyFifoScript;
    private Path vrrpNotifyFifo;
    private NotifyCommand vrrpNotifyFifoScript;
    private Optional<String> lvsId = Optional.empty();
    private final List<OpaqueLine> unmanaged = new ArrayList<>();
    boolean lowerPrioNoAdvert;
    boolean higherPrioSendAdvert;

    GlobalDefsParser(Diagnostics report, List<ScriptUse> scriptUses) {
        this.report = report;
        this.scriptUses = scriptUses;
    }

    void parse(Statement section) {
        for (Statement at : section.block()) {
            keyword(at);
        }
    }

    private void keyword(Statement at) {
        String keyword = at.name();
        if (UNMANAGED.contains(keyword)) {
            unmanaged.add(new OpaqueLine(at.words().stream().map(Word::text).toList(),
                    new SourcePosition(at.file(), at.line())));
            report.notice(at, "global_defs " + keyword + " does not apply to Tandem - ignored", null);
            return;
        }
        if (!KEYWORDS.contains(keyword)) {
            Keywords.unknown(at, "global_defs", Keywords.concat(KEYWORDS, UNMANAGED), report);
            return;
        }
        if (keyword.equals("notification_email")) {
            if (Keywords.needBlock(at, "", report)) {
                for (Statement line : at.block()) {
                    line.words().forEach(w -> emails.add(w.text()));
                }
            }
            return;
        }
        Keywords.noBlock(at, "", report);
        switch (keyword) {
            case "router_id" -> {
                if (Keywords.needArgs(at, 1, "", report)) {
                    routerId = Optional.of(at.arg(0));
                }
            }
            case "lvs_id" -> {
                if (Keywords.needArgs(at, 1, "", report)) {
                    lvsId = Optional.of(at.arg(0));
                }
            }
            case "notification_email_from" -> {
                if (Keywords.needArgs(at, 1, "", report)) {
                    emailFrom = Optional.of(at.arg(0));
                }
            }
            case "smtp_server" -> {
                if (!Keywords.needArgs(at, 1, "", report)) {
                    return;
                }
                int port = SmtpServer.DEFAULT_PORT;
                if (at.argCount() > 1) {
                    OptionalInt parsed = Values.integer(at.arg(1), 1, 65535);
                    if (parsed.isEmpty()) {
                        report.error(at, "Invalid SMTP server port '" + at.arg(1) + "'", "a port is 1..65535 (default 25)");
                        return;
                    }
                    port = parsed.getAsInt();
                }
                smtpServer = Optional.of(new SmtpServer(at.arg(0), port));
            }
            case "smtp_connect_timeout" -> {
                OptionalInt seconds = at.argCount() > 0 ? Values.integer(at.arg(0), 1, 86400) : OptionalInt.empty();
                if (seconds.isEmpty()) {
                    report.error(at, "smtp_connect_timeout '" + (at.argCount() > 0 ? at.arg(0) : "")
                            + "' invalid - must be between 1 and 86400 seconds", null);
                } else {
                    smtpConnectTimeout = Duration.ofSeconds(seconds.getAsInt());
                }
            }
            case "smtp_helo_name" -> {
                if (Keywords.needArgs(at, 1, "", report)) {
                    smtpHelo = Optional.of(at.arg(0));
                }
            }
            case "smtp_alert", "smtp_alert_vrrp" -> {
                Boolean value = flag(at);
                if (value != null) {
                    smtpAlert = value;
                }
            }
            case "enable_script_security" -> scriptSecurity = true;
            case "script_user" -> {
                if (Keywords.needArgs(at, 1, "", report)) {
                    scriptUser = Optional.of(new ScriptUser(at.arg(0),
                            at.argCount() > 1 ? Optional.of(at.arg(1)) : Optional.empty()));
                }
            }
            case "vrrp_version" -> {
                OptionalInt version = at.argCount() > 0 ? Values.integer(at.arg(0), 2, 3) : OptionalInt.empty();
                if (version.isEmpty()) {
                    report.error(at, "Unknown VRRP version", "vrrp_version is 2 or 3");
                } else {
                    vrrpVersion = version.getAsInt();
                }
            }
            case "vrrp_strict" -> vrrpStrict = true;
            case "vrrp_garp_master_delay" -> {
                Long micros = seconds(at);
                if (micros != null) {
                    garp = garp.withMasterDelay(duration(micros));
                }
            }
            case "vrrp_garp_master_repeat" -> {
                Integer repeat = repeat(at);
                if (repeat != null) {
                    garp = garp.withMasterRepeat(repeat);
                }
            }
            case "vrrp_garp_master_refresh" -> {
                Long micros = seconds(at);
                if (micros != null) {
                    garp = garp.withMasterRefresh(duration(micros));
                }
            }
            case "vrrp_garp_master_refresh_repeat" -> {
                Integer repeat = repeat(at);
                if (repeat != null) {
                    garp = garp.withMasterRefreshRepeat(repeat);
                }
            }
            case "vrrp_garp_lower_prio_delay" -> {
                Long micros = seconds(at);
                if (micros != null) {
                    lowerPrioDelaySet = true;
                    garp = garp.withLowerPrioDelay(duration(micros));
                }
            }
            case "vrrp_garp_lower_prio_repeat" -> {
                Integer repeat = repeat(at);
                if (repeat != null) {
                    lowerPrioRepeatSet = true;
                    garp = garp.withLowerPrioRepeat(repeat);
                }
            }
            case "vrrp_garp_interval", "vrrp_gna_interval" -> {
                OptionalLong micros = at.argCount() > 0 ? Values.micros(at.arg(0), 0, MAX_TIMER_SECONDS * Values.MICROS_PER_SECOND)
                        : OptionalLong.empty();
                if (micros.isEmpty()) {
                    report.error(at, keyword + " '" + (at.argCount() > 0 ? at.arg(0) : "") + "' invalid",
                            "write seconds with up to 6 decimals, e.g. 0.001");
                    return;
                }
                Duration interval = duration(micros.getAsLong());
                garp = keyword.equals("vrrp_garp_interval") ? garp.withGarpInterval(interval) : garp.withGnaInterval(interval);
            }
            case "vrrp_mcast_group4", "vrrp_mcast_group6" -> {
                if (!Keywords.needArgs(at, 1, "", report)) {
                    return;
                }
                AddressFamily family = keyword.endsWith("4") ? AddressFamily.IPV4 : AddressFamily.IPV6;
                Optional<InetAddress> group = Values.ip(at.arg(0))
                        .filter(a -> AddressFamily.of(a) == family && a.isMulticastAddress());
                if (group.isEmpty()) {
                    report.error(at, keyword + " '" + at.arg(0) + "' is not an " + family.label() + " multicast address", null);
                } else if (family == AddressFamily.IPV4) {
                    group4 = group.get();
                } else {
                    group6 = group.get();
                }
            }
            case "vrrp_skip_check_adv_addr" -> skipCheckAdvAddr = Boolean.TRUE.equals(flag(at));
            case "vrrp_check_unicast_src" -> checkUnicastSrc = true;
            case "vrrp_lower_prio_no_advert" -> lowerPrioNoAdvert = Boolean.TRUE.equals(flag(at));
            case "vrrp_higher_prio_send_advert" -> higherPrioSendAdvert = Boolean.TRUE.equals(flag(at));
            case "vrrp_notify_fifo", "notify_fifo" -> {
                if (Keywords.needArgs(at, 1, "", report)) {
                    if (keyword.equals("notify_fifo")) {
                        notifyFifo = Path.of(at.arg(0));
                    } else {
                        vrrpNotifyFifo = Path.of(at.arg(0));
                    }
                }
            }
            case "vrrp_notify_fifo_script", "notify_fifo_script" -> {
                if (!Keywords.needArgs(at, 1, "", report)) {
                    return;
                }
                List<String> argv = CommandLine.split(at.arg(0));
                if (argv.isEmpty()) {
                    report.error(at, keyword + " script '" + at.arg(0) + "' is empty or has an unclosed quote", null);
                    return;
                }
                NotifyCommand command = new NotifyCommand(argv,
                        at.argCount() > 1 ? Optional.of(at.arg(1)) : Optional.empty(),
                        at.argCount() > 2 ? Optional.of(at.arg(2)) : Optional.empty());
                scriptUses.add(new ScriptUse(command, at, keyword));
                if (keyword.equals("notify_fifo_script")) {
                    notifyFifoScript = command;
                } else {
                    vrrpNotifyFifoScript = command;
                }
            }
            default -> throw new IllegalStateException("keyword without a parser: " + keyword);
        }
    }

    GlobalDefs build() {
        // Unset lower-priority GARP values follow the master ones (keepalived vrrp.c completion).
        GarpSettings folded = garp
                .withLowerPrioDelay(lowerPrioDelaySet ? garp.lowerPrioDelay() : garp.masterDelay())
                .withLowerPrioRepeat(lowerPrioRepeatSet ? garp.lowerPrioRepeat() : garp.masterRepeat());
        return new GlobalDefs(routerId, emails, emailFrom, smtpServer, smtpConnectTimeout, smtpHelo, smtpAlert,
                scriptSecurity, scriptUser, vrrpVersion, vrrpStrict, folded, group4, group6, skipCheckAdvAddr,
                checkUnicastSrc, fifo(notifyFifo, notifyFifoScript), fifo(vrrpNotifyFifo, vrrpNotifyFifoScript),
                lvsId, unmanaged);
    }

    private static Duration duration(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    private static Optional<NotifyFifo> fifo(Path path, NotifyCommand script) {
        return path == null ? Optional.empty() : Optional.of(new NotifyFifo(path, Optional.ofNullable(script)));
    }

    private Long seconds(Statement at) {
        OptionalLong value = at.argCount() > 0
                ? Values.micros(at.arg(0), 0, MAX_TIMER_SECONDS * Values.MICROS_PER_SECOND) : OptionalLong.empty();
        if (value.isEmpty() || value.getAsLong() % Values.MICROS_PER_SECOND != 0) {
            report.error(at, at.name() + " '" + (at.argCount() > 0 ? at.arg(0) : "") + "' invalid",
                    "write whole seconds, 0.." + MAX_TIMER_SECONDS);
            return null;
        }
        return value.getAsLong();
    }

    private Integer repeat(Statement at) {
        OptionalInt value = at.argCount() > 0 ? Values.integer(at.arg(0), 1, 65535) : OptionalInt.empty();
        if (value.isEmpty()) {
            report.error(at, at.name() + " '" + (at.argCount() > 0 ? at.arg(0) : "") + "' invalid", "write a count, 1..65535");
            return null;
        }
        return value.getAsInt();
    }

    private Boolean flag(Statement at) {
        if (at.argCount() == 0) {
            return true;
        }
        Optional<Boolean> value = Values.bool(at.arg(0));
        if (value.isEmpty()) {
            report.error(at, "invalid " + at.name() + " " + at.arg(0) + " specified", "write true or false");
            return null;
        }
        return value.get();
    }
}
