package dev.tandem.config.keepalived.model;

/** The initial state a VRRP instance is configured with ({@code state MASTER|BACKUP}). */
public enum VrrpState {
    MASTER,
    BACKUP
}
