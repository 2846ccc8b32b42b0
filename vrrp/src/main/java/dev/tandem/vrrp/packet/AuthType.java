package dev.tandem.vrrp.packet;

/** VRRPv2 Auth Type (RFC 2338 §5.3.6; RFC 3768 keeps only NONE, keepalived still speaks PASS and AH). */
public enum AuthType {
    NONE(0),
    PASS(1),
    AH(2);

    private final int code;

    AuthType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
