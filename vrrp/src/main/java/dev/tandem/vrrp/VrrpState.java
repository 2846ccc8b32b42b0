package dev.tandem.vrrp;

/** keepalived 2.2.7's instance states (RFC 5798 §6.4 plus FAULT and STOP). */
public enum VrrpState {
    INIT,
    BACKUP,
    MASTER,
    FAULT,
    STOP
}
