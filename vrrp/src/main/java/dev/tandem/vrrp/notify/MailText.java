package dev.tandem.vrrp.notify;

import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.VrrpState;
import java.util.Optional;

/** keepalived's smtp_alert subject and body for a transition (keepalived smtp.c, vrrp_notify.c). */
public record MailText(String subject, String body) {

    /** Empty for transitions keepalived does not mail about. */
    public static Optional<MailText> of(String routerId, Action.Scope scope, String name, VrrpState state) {
        if (state != VrrpState.MASTER && state != VrrpState.BACKUP && state != VrrpState.FAULT) {
            return Optional.empty();
        }
        String what = scope == Action.Scope.GROUP ? "VRRP Group" : "VRRP Instance";
        String subject = "[" + routerId + "] " + what + " " + name + " - Entering " + state + " state";
        String body;
        if (scope == Action.Scope.GROUP) {
            body = "=> All VRRP group instances are now in " + state + " state <=";
        } else if (state == VrrpState.MASTER) {
            body = "=> VRRP Instance is now owning VRRP VIPs <=";
        } else {
            body = "=> VRRP Instance is no longer owning VRRP VIPs <=";
        }
        return Optional.of(new MailText(subject, body));
    }
}
