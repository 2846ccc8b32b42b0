package dev.tandem.proxy.model;

/**
 * "option forwardfor [except net] [header name] [if-none]" (configuration.txt §4.2).
 * {@code except} is a CIDR or null.
 */
public record ForwardFor(String except, String header, boolean ifNone) {

    public static final ForwardFor DEFAULT = new ForwardFor(null, "X-Forwarded-For", false);
}
