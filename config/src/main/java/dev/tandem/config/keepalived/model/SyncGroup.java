package dev.tandem.config.keepalived.model;

import java.util.List;
import java.util.Objects;

/**
 * A {@code vrrp_sync_group}: its members move between MASTER, BACKUP and FAULT together.
 *
 * @param members the member instances that exist, in the order of the {@code group} block
 * @param trackingWeight {@code sync_group_tracking_weight}: keep the members' tracking weights
 *     (otherwise keepalived sets them to 0, so any tracked failure means FAULT)
 */
public record SyncGroup(
        String name,
        List<VrrpInstance> members,
        NotifyScripts notifyScripts,
        boolean smtpAlert,
        Tracking tracking,
        boolean trackingWeight,
        SourcePosition source) {

    public SyncGroup {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        Objects.requireNonNull(notifyScripts, "notifyScripts");
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(source, "source");
    }

    public List<String> memberNames() {
        return members.stream().map(VrrpInstance::name).toList();
    }
}
