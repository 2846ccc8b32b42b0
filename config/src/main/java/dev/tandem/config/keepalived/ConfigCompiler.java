package dev.tandem.config.keepalived;

import dev.tandem.config.HostFacts;
import dev.tandem.config.keepalived.model.GlobalDefs;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import dev.tandem.config.keepalived.model.SourcePosition;
import dev.tandem.config.keepalived.model.SyncGroup;
import dev.tandem.config.keepalived.model.TrackFile;
import dev.tandem.config.keepalived.model.TrackProcess;
import dev.tandem.config.keepalived.model.VrrpInstance;
import dev.tandem.config.keepalived.model.VrrpScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the statement tree into the model: top-level sections, then sync group membership, then
 * instance completion and tracking resolution, then the cross-checks. Every phase runs even after
 * errors, so one read reports everything.
 */
final class ConfigCompiler {

    static final Set<String> SECTIONS = Set.of("global_defs", "vrrp_instance", "vrrp_sync_group", "vrrp_script",
            "vrrp_track_file", "track_file", "vrrp_track_process");

    /** keepalived 2.2.7 top-level sections that belong to its checker/LVS/BFD side or to static config. */
    static final Set<String> FOREIGN_SECTIONS = Set.of("virtual_server", "virtual_server_group", "static_ipaddress",
            "static_routes", "static_rules", "bfd_instance", "garp_group", "linkbeat_interfaces", "track_group",
            "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "use_pid_dir", "instance",
            "child_wait_time", "interface_up_down_delays", "linkbeat_use_polling");

    private final Diagnostics report;
    private final HostFacts host;
    private final List<ScriptUse> scriptUses = new ArrayList<>();

    ConfigCompiler(Diagnostics report, HostFacts host) {
        this.report = report;
        this.host = host;
    }

    KeepalivedConfig compile(List<Statement> sections, String configId) {
        GlobalDefsParser globalParser = new GlobalDefsParser(report, scriptUses);
        Map<String, InstanceDraft> instances = new LinkedHashMap<>();
        Map<String, SyncGroupDraft> groups = new LinkedHashMap<>();
        Map<String, VrrpScript> scripts = new LinkedHashMap<>();
        Map<String, TrackFile> files = new LinkedHashMap<>();
        Map<String, TrackProcess> processes = new LinkedHashMap<>();

        for (Statement section : sections) {
            String keyword = section.name();
            if (FOREIGN_SECTIONS.contains(keyword)) {
                report.warning(section, "'" + keyword + "' is a keepalived section Tandem does not run (LVS, BFD and"
                        + " static addresses are out of scope) - ignored", null);
                continue;
            }
            if (!SECTIONS.contains(keyword)) {
                Keywords.unknown(section, "top-level", Keywords.concat(SECTIONS, FOREIGN_SECTIONS), report);
                continue;
            }
            if (!Keywords.needBlock(section, "", report)) {
                continue;
            }
            if (keyword.equals("global_defs")) {
                globalParser.parse(section);
                continue;
            }
            if (section.argCount() == 0) {
                report.error(section, keyword + " must have a name", "write " + keyword + " NAME { ... }");
                continue;
            }
            String name = section.arg(0);
            switch (keyword) {
                case "vrrp_instance" -> {
                    InstanceDraft draft = InstanceParser.parse(section, report, scriptUses);
                    if (instances.containsKey(name)) {
                        report.error(section, "vrrp instance " + name + " already defined",
                                "rename one of them; the first is at line " + instances.get(name).at.line());
                    } else {
                        instances.put(name, draft);
                    }
                }
                case "vrrp_sync_group" -> {
                    SyncGroupDraft draft = SyncGroupDraft.parse(section, report, scriptUses);
                    if (groups.containsKey(name)) {
                        report.error(section, "vrrp sync group " + name + " already defined", null);
                    } else {
                        groups.put(name, draft);
                    }
                }
                case "vrrp_script" -> {
                    VrrpScript script = VrrpScriptParser.parse(section, report, scriptUses);
                    if (scripts.containsKey(name)) {
                        report.error(section, "vrrp_script " + name + " already defined", null);
                    } else if (script != null) {
                        scripts.put(name, script);
                    }
                }
                case "vrrp_track_file", "track_file" -> {
                    TrackFile file = TrackFileParser.parse(section, report);
                    if (files.containsKey(name)) {
                        report.error(section, "track_file " + name + " already defined", null);
                    } else if (file != null) {
                        files.put(name, file);
                    }
                }
                default -> {
                    TrackProcess process = TrackProcessParser.parse(section, report);
                    if (processes.containsKey(name)) {
                        report.error(section, "vrrp_track_process " + name + " already defined", null);
                    } else if (process != null) {
                        processes.put(name, process);
                    }
                }
            }
        }

        GlobalDefs global = globalParser.build();
        Map<String, String> groupOf = membership(groups, instances);
        TrackResolver resolver = new TrackResolver(scripts, files, processes, report);
        InstanceCompleter completer = new InstanceCompleter(global, globalParser, resolver, report);
        Map<String, VrrpInstance> completed = new LinkedHashMap<>();
        for (InstanceDraft draft : instances.values()) {
            draft.syncGroup = groupOf.get(draft.name);
            Optional<Boolean> groupSmtp = Optional.ofNullable(draft.syncGroup).map(groups::get)
                    .map(g -> g.smtpAlert);
            boolean groupTrackingWeight = draft.syncGroup != null && groups.get(draft.syncGroup).trackingWeight;
            completed.put(draft.name, completer.complete(draft, groupSmtp, groupTrackingWeight));
        }
        List<SyncGroup> syncGroups = new ArrayList<>();
        for (SyncGroupDraft group : groups.values()) {
            List<VrrpInstance> members = group.members.stream().map(m -> m.name().text())
                    .filter(n -> group.name.equals(groupOf.get(n))).distinct().map(completed::get).toList();
            if (members.isEmpty()) {
                continue;
            }
            syncGroups.add(new SyncGroup(group.name, members, group.notifies.scripts(),
                    group.smtpAlert != null ? group.smtpAlert : global.smtpAlert(),
                    resolver.resolve(group.tracks, "(" + group.name + ")"), group.trackingWeight,
                    new SourcePosition(group.at.file(), group.at.line())));
        }

        CrossChecks.run(instances, completed, scripts.values(), resolver, global, scriptUses, report);
        new HostChecks(host, report).run(instances, completed, scriptUses);

        return new KeepalivedConfig(global, List.copyOf(completed.values()), syncGroups, List.copyOf(scripts.values()),
                List.copyOf(files.values()), List.copyOf(processes.values()), configId);
    }

    /** Instance name to sync group name, reporting keepalived's vrrp_sync.c warnings. */
    private Map<String, String> membership(Map<String, SyncGroupDraft> groups, Map<String, InstanceDraft> instances) {
        Map<String, String> groupOf = new HashMap<>();
        for (SyncGroupDraft group : groups.values()) {
            int count = 0;
            Set<String> seen = new java.util.HashSet<>();
            for (SyncGroupDraft.Member member : group.members) {
                String name = member.name().text();
                if (!seen.add(name)) {
                    continue;
                }
                if (!instances.containsKey(name)) {
                    String closest = ClosestKeyword.to(name, instances.keySet()).orElse(null);
                    report.add(dev.tandem.config.Severity.WARNING, member.at(), member.name(), "Virtual router " + name
                            + " specified in sync group " + group.name + " doesn't exist - ignoring",
                            closest != null && ClosestKeyword.distance(closest, name) <= Math.max(2, name.length() / 3)
                                    ? "did you mean '" + closest + "'?"
                                    : "define vrrp_instance " + name + " { ... } or remove it from the group");
                    continue;
                }
                if (groupOf.containsKey(name)) {
                    report.add(dev.tandem.config.Severity.WARNING, member.at(), member.name(), "Virtual router " + name
                            + " cannot exist in more than one sync group; ignoring " + group.name, null);
                    continue;
                }
                groupOf.put(name, group.name);
                count++;
            }
            Statement at = group.at;
            if (count == 0) {
                report.warning(at, "Sync group " + group.name + ", no matching virtual router found in group"
                        + " declaration - removing", null);
            } else if (count == 1) {
                report.warning(at, "Sync group " + group.name + " has only 1 virtual router(s) - this probably isn't"
                        + " what you want", "a sync group moves several instances together; list them all in group { }"
                        + " or remove the sync group");
            }
        }
        return groupOf;
    }
}
