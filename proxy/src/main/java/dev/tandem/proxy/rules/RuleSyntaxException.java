package dev.tandem.proxy.rules;

/** A rule, ACL, sample expression or log-format string that cannot be understood; the message says why. */
public final class RuleSyntaxException extends IllegalArgumentException {

    public RuleSyntaxException(String message) {
        super(message);
    }
}
