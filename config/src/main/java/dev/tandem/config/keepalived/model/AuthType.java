package dev.tandem.config.keepalived.model;

/** VRRPv2 authentication types (RFC 2338 §5.3.6; dropped by RFC 3768, kept by keepalived). */
public enum AuthType {
    /** Type 1: the password travels in clear, NUL-padded to 8 bytes. */
    PASS(1),
    /** Type 2: IPSEC-AH. */
    AH(2);

    private final int wireValue;

    AuthType(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The Auth Type byte of the VRRPv2 advert. */
    public int wireValue() {
        return wireValue;
    }
}
