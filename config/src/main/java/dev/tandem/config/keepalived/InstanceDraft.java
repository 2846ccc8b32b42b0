package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.AddressFamily;
import dev.tandem.config.keepalived.model.AuthType;
import dev.tandem.config.keepalived.model.OpaqueLine;
import dev.tandem.config.keepalived.model.UnicastPeer;
import dev.tandem.config.keepalived.model.Vip;
import dev.tandem.config.keepalived.model.VrrpState;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A vrrp_instance as written, before completion: null means "not written", so completion can
 * tell a default from an explicit value (keepalived's PARAMETER_UNSET).
 */
final class InstanceDraft {

    final String name;
    final Statement at;
    String interfaceName;
    Statement interfaceAt;
    Integer virtualRouterId;
    Statement vridAt;
    /** A virtual_router_id line was written, even if its value was rejected. */
    boolean vridWritten;
    VrrpState state;
    Statement stateAt;
    Integer priority;
    Long advertMicros;
    Statement advertAt;
    Integer version;
    AuthType authType;
    String authPass;
    Statement authAt;
    /** Set by the first VIP or unicast address or native_ipv6, as keepalived does. */
    AddressFamily family;
    final List<Vip> vips = new ArrayList<>();
    final List<Vip> excludedVips = new ArrayList<>();
    final List<Vip> otherFamilyVips = new ArrayList<>();
    private final java.util.Map<Vip, Statement> otherFamilyAt = new java.util.IdentityHashMap<>();
    final List<OpaqueLine> virtualRoutes = new ArrayList<>();
    final List<OpaqueLine> virtualRules = new ArrayList<>();
    boolean nopreempt;
    Statement nopreemptAt;
    Long preemptDelayMicros;
    Statement preemptDelayAt;
    Long garpMasterDelayMicros;
    Integer garpMasterRepeat;
    Long garpMasterRefreshMicros;
    Integer garpMasterRefreshRepeat;
    Long garpLowerPrioDelayMicros;
    Integer garpLowerPrioRepeat;
    Boolean lowerPrioNoAdvert;
    Boolean higherPrioSendAdvert;
    InetAddress unicastSrcIp;
    final List<UnicastPeer> unicastPeers = new ArrayList<>();
    final List<Statement> unicastPeerAt = new ArrayList<>();
    Integer unicastTtl;
    boolean unicastKeyword;
    Boolean checkUnicastSrc;
    boolean unicastFaultNoPeer;
    InetAddress mcastSrcIp;
    boolean useVmac;
    String vmacName;
    String vmacMac;
    boolean vmacXmitBase;
    boolean dontTrackPrimary;
    final TrackBlocks tracks = new TrackBlocks();
    final Notifies notifies = new Notifies();
    Boolean smtpAlert;
    Statement smtpAlertAt;
    Boolean accept;
    Boolean strictMode;
    boolean v3ChecksumAsV2;
    Boolean skipCheckAdvAddr;
    boolean nativeIpv6;
    int debug;
    /** Set during completion when a sync group lists this instance. */
    String syncGroup;

    InstanceDraft(String name, Statement at) {
        this.name = name;
        this.at = at;
    }

    void addOtherFamilyVip(Vip vip, Statement at) {
        otherFamilyVips.add(vip);
        otherFamilyAt.put(vip, at);
    }

    Statement vipStatement(Vip vip) {
        return otherFamilyAt.getOrDefault(vip, at);
    }

    /** The VIP line as written (address, prefix and options), for messages and hints. */
    String vipText(Vip vip) {
        Statement line = otherFamilyAt.get(vip);
        return line == null ? vip.cidr() : String.join(" ", line.words().stream().map(Word::text).toList());
    }

    String owner() {
        return "(" + name + ")";
    }
}
