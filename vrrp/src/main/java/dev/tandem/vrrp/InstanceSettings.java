package dev.tandem.vrrp;

import dev.tandem.vrrp.packet.AuthType;
import dev.tandem.vrrp.packet.ChecksumForm;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one VRRP instance's state machine needs, validated once. Build with {@link #builder}.
 *
 * @param priority configured priority 1..255; 255 is the address owner (RFC 5798 §6.1)
 * @param initialState {@code state MASTER} or {@code BACKUP}
 * @param advertIntervalCentis v2: whole seconds (multiple of 100); v3: 1..4095 centiseconds
 * @param vips advertised addresses, all of the instance's family
 * @param excludedVips {@code virtual_ipaddress_excluded}: not advertised, but follow the instance's state
 * @param sourceAddress primary address of the interface (IPv6: link-local) or {@code unicast_src_ip}
 * @param unicastPeers empty for multicast
 * @param lowerPrioNoAdvert keepalived {@code lower_prio_no_advert}: a master stays silent on lower adverts
 * @param checksumForm VRRPv3 over IPv4 send form; {@code v3_checksum_as_v2} selects the RFC 9568 one
 * @param higherPrioSendAdvert keepalived {@code higher_prio_send_advert}: a master yielding to a higher
 *     priority sends one last advert of its own first (split-brain recovery, keepalived #166)
 * @param dontTrackPrimary keepalived {@code dont_track_primary}: the instance's own link going down is not a FAULT
 * @param checkUnicastSource keepalived {@code check_unicast_src}: drop unicast adverts from non-peers
 */
public record InstanceSettings(String name, String interfaceName, int version, int vrid, int priority,
                               VrrpState initialState, int advertIntervalCentis, boolean nopreempt,
                               Duration preemptDelay, List<Vip> vips, List<Vip> excludedVips, AuthType authType,
                               String authPass, InetAddress sourceAddress, List<InetAddress> unicastPeers,
                               boolean lowerPrioNoAdvert, ChecksumForm checksumForm, GarpSettings garp,
                               List<Track> tracks, boolean smtpAlert, boolean higherPrioSendAdvert,
                               boolean dontTrackPrimary, boolean checkUnicastSource) {

    public InstanceSettings {
        Objects.requireNonNull(name);
        Objects.requireNonNull(interfaceName);
        Objects.requireNonNull(initialState);
        Objects.requireNonNull(preemptDelay);
        Objects.requireNonNull(authType);
        Objects.requireNonNull(authPass);
        Objects.requireNonNull(sourceAddress);
        Objects.requireNonNull(checksumForm);
        Objects.requireNonNull(garp);
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        unicastPeers = List.copyOf(unicastPeers);
        tracks = List.copyOf(tracks);
        String where = "vrrp_instance " + name + ": ";
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException(where + "version must be 2 or 3");
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException(where + "virtual_router_id must be between 1 and 255");
        }
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException(where + "priority must be between 1 and 255");
        }
        if (initialState != VrrpState.MASTER && initialState != VrrpState.BACKUP) {
            throw new IllegalArgumentException(where + "initial state must be MASTER or BACKUP");
        }
        boolean ipv6 = sourceAddress instanceof Inet6Address;
        if (version == 2 && ipv6) {
            throw new IllegalArgumentException(where + "VRRPv2 is IPv4 only; use version 3 for IPv6");
        }
        if (version == 2 && (advertIntervalCentis % 100 != 0 || advertIntervalCentis < 100
                || advertIntervalCentis > 25500)) {
            throw new IllegalArgumentException(where + "VRRPv2 advert_int must be whole seconds 1..255");
        }
        if (version == 3 && (advertIntervalCentis < 1 || advertIntervalCentis > 4095)) {
            throw new IllegalArgumentException(where + "VRRPv3 advert_int must be 0.01..40.95 seconds");
        }
        for (Vip v : vips) {
            if (v.ipv6() != ipv6) {
                throw new IllegalArgumentException(where + "address family must match VRRP instance ["
                        + v.address().getHostAddress() + "]");
            }
        }
        if (vips.size() > 255) {
            throw new IllegalArgumentException(where + "at most 255 virtual addresses fit in an advert");
        }
        if (version == 3 && authType != AuthType.NONE) {
            throw new IllegalArgumentException(where + "VRRP version 3 does not support authentication");
        }
        if (authType == AuthType.AH) {
            throw new IllegalArgumentException(where + "auth_type AH is not supported; use PASS or none");
        }
        if (authPass.getBytes(StandardCharsets.ISO_8859_1).length > 8) {
            throw new IllegalArgumentException(where + "auth_pass is at most 8 characters");
        }
        if (preemptDelay.isNegative() || preemptDelay.compareTo(Duration.ofSeconds(1000)) > 0) {
            throw new IllegalArgumentException(where + "preempt_delay must be 0..1000 seconds");
        }
        for (InetAddress peer : unicastPeers) {
            if ((peer instanceof Inet6Address) != ipv6) {
                throw new IllegalArgumentException(where + "unicast peer " + peer.getHostAddress()
                        + " must be of the instance's address family");
            }
        }
    }

    public boolean ipv6() {
        return sourceAddress instanceof Inet6Address;
    }

    public static Builder builder(String name, int vrid, InetAddress sourceAddress) {
        return new Builder(name, vrid, sourceAddress);
    }

    /** Defaults are keepalived 2.2.7's: priority 100, advert_int 1, v2 for IPv4 and v3 for IPv6. */
    public static final class Builder {
        private final String name;
        private final int vrid;
        private final InetAddress source;
        private String interfaceName = "eth0";
        private Integer version;
        private int priority = 100;
        private VrrpState initialState = VrrpState.BACKUP;
        private int intervalCentis = 100;
        private boolean nopreempt;
        private Duration preemptDelay = Duration.ZERO;
        private final List<Vip> vips = new ArrayList<>();
        private final List<Vip> excluded = new ArrayList<>();
        private AuthType authType = AuthType.NONE;
        private String authPass = "";
        private final List<InetAddress> peers = new ArrayList<>();
        private boolean lowerPrioNoAdvert;
        private ChecksumForm checksumForm = ChecksumForm.IPV4_PSEUDO_HEADER;
        private GarpSettings garp = GarpSettings.DEFAULTS;
        private final List<Track> tracks = new ArrayList<>();
        private boolean smtpAlert;
        private boolean higherPrioSendAdvert;
        private boolean dontTrackPrimary;
        private boolean checkUnicastSource;

        private Builder(String name, int vrid, InetAddress source) {
            this.name = name;
            this.vrid = vrid;
            this.source = source;
        }

        public Builder interfaceName(String v) { interfaceName = v; return this; }
        public Builder version(int v) { version = v; return this; }
        public Builder priority(int v) { priority = v; return this; }
        public Builder initialState(VrrpState v) { initialState = v; return this; }
        public Builder advertIntervalCentis(int v) { intervalCentis = v; return this; }
        public Builder nopreempt(boolean v) { nopreempt = v; return this; }
        public Builder preemptDelay(Duration v) { preemptDelay = v; return this; }
        public Builder vip(Vip v) { vips.add(v); return this; }
        public Builder vip(InetAddress a) { vips.add(Vip.of(a)); return this; }
        public Builder excludedVip(Vip v) { excluded.add(v); return this; }
        public Builder authPass(String pass) { authType = AuthType.PASS; authPass = pass; return this; }
        public Builder unicastPeer(InetAddress a) { peers.add(a); return this; }
        public Builder lowerPrioNoAdvert(boolean v) { lowerPrioNoAdvert = v; return this; }
        public Builder checksumForm(ChecksumForm v) { checksumForm = v; return this; }
        public Builder garp(GarpSettings v) { garp = v; return this; }
        public Builder track(Track v) { tracks.add(v); return this; }
        public Builder smtpAlert(boolean v) { smtpAlert = v; return this; }
        public Builder higherPrioSendAdvert(boolean v) { higherPrioSendAdvert = v; return this; }
        public Builder dontTrackPrimary(boolean v) { dontTrackPrimary = v; return this; }
        public Builder checkUnicastSource(boolean v) { checkUnicastSource = v; return this; }

        public InstanceSettings build() {
            int v = version != null ? version : source instanceof Inet6Address ? 3 : 2;
            return new InstanceSettings(name, interfaceName, v, vrid, priority, initialState, intervalCentis,
                    nopreempt, preemptDelay, vips, excluded, authType, authPass, source, peers, lowerPrioNoAdvert,
                    checksumForm, garp, tracks, smtpAlert, higherPrioSendAdvert, dontTrackPrimary,
                    checkUnicastSource);
        }
    }
}
