package dev.tandem.proxy.lb;

/** The operator's wish for a server (runtime API "set server ... state ready|drain|maint"). */
public enum AdminState {
    READY,
    DRAIN,
    MAINT
}
