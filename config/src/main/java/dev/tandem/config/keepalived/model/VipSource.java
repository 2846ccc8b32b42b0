package dev.tandem.config.keepalived.model;

/** Which block a VIP was written in, and so how the engine treats it. */
public enum VipSource {
    /** {@code virtual_ipaddress} of the instance's family: installed on MASTER and advertised. */
    VIRTUAL_IPADDRESS,
    /** {@code virtual_ipaddress_excluded}: installed on MASTER, never advertised. */
    VIRTUAL_IPADDRESS_EXCLUDED,
    /**
     * {@code virtual_ipaddress} of the other family (keepalived 2.x drops it). Tandem keeps it and
     * manages it like an excluded VIP: it follows the instance's state and is not advertised.
     */
    OTHER_FAMILY
}
