package dev.tandem.config.keepalived.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code global_defs}, with keepalived 2.2.7's defaults for what is not written.
 *
 * @param routerId empty = the host name, decided at run time
 * @param smtpConnectTimeout 30 s by default
 * @param smtpAlert global {@code smtp_alert}; instances and groups inherit it unless they set their own
 * @param vrrpVersion default VRRP version of IPv4 instances (2 by default)
 * @param garp the global {@code vrrp_garp_*} / {@code vrrp_gna_interval} values instances start from
 * @param mcastGroup4 224.0.0.18 unless {@code vrrp_mcast_group4}
 * @param mcastGroup6 ff02::12 unless {@code vrrp_mcast_group6}
 * @param unmanaged accepted global keywords that Tandem does not act on (e.g. LVS ones)
 */
public record GlobalDefs(
        Optional<String> routerId,
        List<String> notificationEmails,
        Optional<String> notificationEmailFrom,
        Optional<SmtpServer> smtpServer,
        Duration smtpConnectTimeout,
        Optional<String> smtpHeloName,
        boolean smtpAlert,
        boolean enableScriptSecurity,
        Optional<ScriptUser> scriptUser,
        int vrrpVersion,
        boolean vrrpStrict,
        GarpSettings garp,
        InetAddress mcastGroup4,
        InetAddress mcastGroup6,
        boolean skipCheckAdvAddr,
        boolean checkUnicastSrc,
        Optional<NotifyFifo> notifyFifo,
        Optional<NotifyFifo> vrrpNotifyFifo,
        Optional<String> lvsId,
        List<OpaqueLine> unmanaged) {

    public GlobalDefs {
        Objects.requireNonNull(routerId, "routerId");
        notificationEmails = List.copyOf(notificationEmails);
        Objects.requireNonNull(notificationEmailFrom, "notificationEmailFrom");
        Objects.requireNonNull(smtpServer, "smtpServer");
        Objects.requireNonNull(smtpConnectTimeout, "smtpConnectTimeout");
        Objects.requireNonNull(smtpHeloName, "smtpHeloName");
        Objects.requireNonNull(scriptUser, "scriptUser");
        Objects.requireNonNull(garp, "garp");
        Objects.requireNonNull(mcastGroup4, "mcastGroup4");
        Objects.requireNonNull(mcastGroup6, "mcastGroup6");
        Objects.requireNonNull(notifyFifo, "notifyFifo");
        Objects.requireNonNull(vrrpNotifyFifo, "vrrpNotifyFifo");
        Objects.requireNonNull(lvsId, "lvsId");
        unmanaged = List.copyOf(unmanaged);
    }

    /** Mail alerts can be sent only with recipients and a server; keepalived skips them silently otherwise. */
    public boolean canSendMail() {
        return !notificationEmails.isEmpty() && smtpServer.isPresent();
    }
}
