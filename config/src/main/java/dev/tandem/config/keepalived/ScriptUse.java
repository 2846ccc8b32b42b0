package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.NotifyCommand;

/**
 * A command the daemon will run, remembered with where it was written, so the host check can say
 * which notify or track script is missing.
 *
 * @param role e.g. {@code notify_master of EXTERN}, {@code vrrp_script chk_haproxy}
 */
record ScriptUse(NotifyCommand command, Statement at, String role) {}
