package dev.tandem.config.keepalived.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code vrrp_instance}, completed as keepalived 2.2.7 completes it: every value here is the
 * effective one (defaults applied, conflicting options cleared), so the engine never re-derives.
 *
 * @param interfaceName {@code interface}; empty only for a unicast instance without one
 * @param family from the first VIP, else the unicast addresses, else {@code native_ipv6}, else IPv4
 * @param priority the base priority: as written, else 255 for {@code state MASTER}, else 100
 * @param version 2 or 3: as written, else 3 for IPv6, else global {@code vrrp_version} (default 2)
 * @param advertIntervalCentis the advert interval in centiseconds (v2: whole seconds, 100..25500;
 *     v3: 1..4095)
 * @param authentication effective VRRPv2 authentication; empty for v3, strict mode, or none
 * @param vips the advertised VIPs (virtual_ipaddress of the instance's family), in order
 * @param excludedVips managed but not advertised: virtual_ipaddress_excluded, then other-family VIPs
 * @param virtualRoutes parsed, not managed yet
 * @param virtualRules parsed, not managed yet
 * @param syncGroup the sync group this instance is a member of
 * @param smtpAlert effective: the instance's {@code smtp_alert}, else the group's, else global
 * @param accept accept mode (keepalived's default outside strict mode is true)
 * @param debug debug level 0..4
 */
public record VrrpInstance(
        String name,
        Optional<String> interfaceName,
        AddressFamily family,
        int virtualRouterId,
        VrrpState initialState,
        int priority,
        int version,
        int advertIntervalCentis,
        Optional<Authentication> authentication,
        List<Vip> vips,
        List<Vip> excludedVips,
        List<OpaqueLine> virtualRoutes,
        List<OpaqueLine> virtualRules,
        Preemption preemption,
        GarpSettings garp,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        Unicast unicast,
        Optional<InetAddress> mcastSourceIp,
        Optional<Vmac> vmac,
        boolean dontTrackPrimary,
        Tracking tracking,
        NotifyScripts notifyScripts,
        boolean smtpAlert,
        boolean accept,
        boolean strictMode,
        boolean v3ChecksumAsV2,
        boolean skipCheckAdvAddr,
        boolean nativeIpv6,
        int debug,
        Optional<String> syncGroup,
        SourcePosition source) {

    public VrrpInstance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(authentication, "authentication");
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        Objects.requireNonNull(preemption, "preemption");
        Objects.requireNonNull(garp, "garp");
        Objects.requireNonNull(unicast, "unicast");
        Objects.requireNonNull(mcastSourceIp, "mcastSourceIp");
        Objects.requireNonNull(vmac, "vmac");
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(notifyScripts, "notifyScripts");
        Objects.requireNonNull(syncGroup, "syncGroup");
        Objects.requireNonNull(source, "source");
    }

    /** Priority 255: the address owner, which never waits for a master-down timer (RFC 5798 §6.4.1). */
    public boolean isAddressOwner() {
        return priority == 255;
    }

    /** The advert interval as a duration (10 ms granularity). */
    public java.time.Duration advertInterval() {
        return java.time.Duration.ofMillis(advertIntervalCentis * 10L);
    }

    /** Every VIP the instance installs when MASTER: advertised first, then the excluded ones. */
    public List<Vip> allVips() {
        return java.util.stream.Stream.concat(vips.stream(), excludedVips.stream()).toList();
    }
}
