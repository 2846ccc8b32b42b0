package dev.tandem.vrrp.io;

/** VRRP could not start; the message alone tells the operator what to fix (interface, capability, address). */
public final class VrrpStartException extends Exception {
    public VrrpStartException(String message) {
        super(message, null, false, false);
    }
}
