package dev.tandem.vrrp;

import java.util.List;
import java.util.Objects;

/**
 * A vrrp_sync_group: members move together (keepalived.conf(5) "VRRP synchronization group(s)").
 *
 * @param trackingWeight {@code sync_group_tracking_weight}: keep member tracking weights instead of forcing 0
 */
public record SyncGroupSettings(String name, List<String> members, boolean trackingWeight, boolean smtpAlert) {
    public SyncGroupSettings {
        Objects.requireNonNull(name);
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("sync group " + name + " has no member");
        }
    }

    public static SyncGroupSettings of(String name, String... members) {
        return new SyncGroupSettings(name, List.of(members), false, false);
    }
}
