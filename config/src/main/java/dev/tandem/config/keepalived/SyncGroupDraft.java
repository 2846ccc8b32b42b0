package dev.tandem.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A {@code vrrp_sync_group} as written, before its member names are resolved. */
final class SyncGroupDraft {

    static final Set<String> KEYWORDS = Set.of("group", "notify", "notify_master", "notify_backup", "notify_fault",
            "notify_stop", "smtp_alert", "track_interface", "track_script", "track_file", "track_process",
            "sync_group_tracking_weight");
    static final Set<String> UNSUPPORTED = Set.of("track_bfd", "global_tracking", "notify_priority_changes");

    final String name;
    final Statement at;
    /** Member names with the line each was written on. */
    final List<Member> members = new ArrayList<>();
    Statement groupAt;
    final Notifies notifies = new Notifies();
    final TrackBlocks tracks = new TrackBlocks();
    Boolean smtpAlert;
    boolean trackingWeight;

    record Member(Word name, Statement at) {}

    private SyncGroupDraft(String name, Statement at) {
        this.name = name;
        this.at = at;
    }

    static SyncGroupDraft parse(Statement section, Diagnostics report, List<ScriptUse> uses) {
        SyncGroupDraft draft = new SyncGroupDraft(section.arg(0), section);
        String owner = "vrrp group " + draft.name + ":";
        for (Statement at : section.block()) {
            String keyword = at.name();
            if (Notifies.GROUP_KEYWORDS.contains(keyword)) {
                Keywords.noBlock(at, owner, report);
                draft.notifies.parse(at, owner, report, uses);
            } else if (TrackBlocks.isTrackKeyword(keyword)) {
                draft.tracks.parse(at, owner, report);
            } else if (UNSUPPORTED.contains(keyword)) {
                Keywords.unsupported(at, "(" + draft.name + ")", report);
            } else if (keyword.equals("group")) {
                if (draft.groupAt != null) {
                    report.error(at, "Group list already specified for sync group " + draft.name, null);
                } else if (Keywords.needBlock(at, "", report)) {
                    draft.groupAt = at;
                    at.block().forEach(line -> line.words().forEach(w -> draft.members.add(new Member(w, line))));
                    if (draft.members.isEmpty()) {
                        report.warning(at, "Warning - sync group " + draft.name + " has empty group block", null);
                    }
                }
            } else if (keyword.equals("smtp_alert")) {
                Keywords.noBlock(at, owner, report);
                if (at.argCount() == 0) {
                    draft.smtpAlert = true;
                } else if (Values.bool(at.arg(0)).isEmpty()) {
                    report.error(at, "Invalid vrrp_group smtp_alert parameter " + at.arg(0), "write true or false");
                } else {
                    draft.smtpAlert = Values.bool(at.arg(0)).get();
                }
            } else if (keyword.equals("sync_group_tracking_weight")) {
                Keywords.noBlock(at, owner, report);
                draft.trackingWeight = true;
            } else {
                Keywords.unknown(at, "vrrp_sync_group", Keywords.concat(KEYWORDS, UNSUPPORTED), report);
            }
        }
        return draft;
    }
}
