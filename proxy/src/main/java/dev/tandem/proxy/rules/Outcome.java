package dev.tandem.proxy.rules;

/** What running a rule list decided: go on, or answer now. */
public sealed interface Outcome {

    Outcome CONTINUE = new Continue();

    record Continue() implements Outcome {}

    /** "deny [deny_status N]": haproxy's built-in error page for the status. */
    record Deny(int status) implements Outcome {}

    /** "return": a response built by the rule. */
    record Return(int status, String contentType, String body) implements Outcome {}

    /** "redirect": status 301/302/303/307/308 and a Location. */
    record Redirect(int status, String location) implements Outcome {}
}
