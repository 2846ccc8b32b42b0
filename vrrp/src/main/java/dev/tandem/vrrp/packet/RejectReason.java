package dev.tandem.vrrp.packet;

/** Why a received advert was dropped; one counter each per instance (RFC 3768 §7.1, RFC 5798 §7.1, keepalived). */
public enum RejectReason {
    TTL("TTL/hop limit is not 255"),
    IP_HEADER("malformed IP header"),
    TOO_SHORT("packet shorter than the VRRP header and its addresses"),
    VERSION("unsupported or unexpected VRRP version"),
    TYPE("VRRP type is not ADVERTISEMENT"),
    CHECKSUM("invalid checksum"),
    UNKNOWN_VRID("no instance for this VRID"),
    AUTH_TYPE("authentication type mismatch"),
    AUTH_AH_UNSUPPORTED("IPSEC-AH authentication is not supported"),
    AUTH_PASS("authentication password mismatch"),
    INTERVAL("advertisement interval mismatch"),
    ZERO_ADDRESSES("advert carries no address"),
    ADDRESS_COUNT("unexpected address count"),
    ADDRESS_LIST("address list does not match"),
    FAMILY("address family does not match the instance"),
    UNICAST_SOURCE("source is not a configured unicast peer");

    private final String text;

    RejectReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
