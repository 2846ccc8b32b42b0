package dev.tandem.config.keepalived;

import dev.tandem.config.ClosestWord;
import dev.tandem.config.keepalived.model.TrackFile;
import dev.tandem.config.keepalived.model.TrackProcess;
import dev.tandem.config.keepalived.model.TrackedFile;
import dev.tandem.config.keepalived.model.TrackedInterface;
import dev.tandem.config.keepalived.model.TrackedProcess;
import dev.tandem.config.keepalived.model.TrackedScript;
import dev.tandem.config.keepalived.model.Tracking;
import dev.tandem.config.keepalived.model.VrrpScript;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves track_* references to the vrrp_script / vrrp_track_file / vrrp_track_process records.
 * A reference to nothing is an error: keepalived ignores it ("track script X not found,
 * ignoring..."), leaving an instance that silently tracks less than the operator wrote.
 */
final class TrackResolver {

    private final Map<String, VrrpScript> scripts;
    private final Map<String, TrackFile> files;
    private final Map<String, TrackProcess> processes;
    private final Diagnostics report;
    private final Set<String> usedScripts = new HashSet<>();

    TrackResolver(Map<String, VrrpScript> scripts, Map<String, TrackFile> files, Map<String, TrackProcess> processes,
            Diagnostics report) {
        this.scripts = scripts;
        this.files = files;
        this.processes = processes;
        this.report = report;
    }

    Tracking resolve(TrackBlocks blocks, String owner) {
        List<TrackedInterface> interfaces = new ArrayList<>();
        for (TrackRef ref : blocks.interfaces) {
            interfaces.add(new TrackedInterface(ref.name(), ref.weight().orElse(0), ref.reverse()));
        }
        List<TrackedScript> trackedScripts = new ArrayList<>();
        for (TrackRef ref : blocks.scripts) {
            VrrpScript script = scripts.get(ref.name());
            if (script == null) {
                missing(ref, owner, "track script", "vrrp_script", scripts.keySet());
                continue;
            }
            usedScripts.add(script.name());
            trackedScripts.add(ref.weight().isPresent()
                    ? new TrackedScript(script, ref.weight().getAsInt(), ref.reverse())
                    : new TrackedScript(script, script.weight(), script.reverse() || ref.reverse()));
        }
        List<TrackedFile> trackedFiles = new ArrayList<>();
        for (TrackRef ref : blocks.files) {
            TrackFile file = files.get(ref.name());
            if (file == null) {
                missing(ref, owner, "track file", "vrrp_track_file", files.keySet());
                continue;
            }
            trackedFiles.add(ref.weight().isPresent()
                    ? new TrackedFile(file, ref.weight().getAsInt(), ref.reverse())
                    : new TrackedFile(file, file.weight(), file.reverse() || ref.reverse()));
        }
        List<TrackedProcess> trackedProcesses = new ArrayList<>();
        for (TrackRef ref : blocks.processes) {
            TrackProcess process = processes.get(ref.name());
            if (process == null) {
                missing(ref, owner, "track process", "vrrp_track_process", processes.keySet());
                continue;
            }
            trackedProcesses.add(ref.weight().isPresent()
                    ? new TrackedProcess(process, ref.weight().getAsInt(), ref.reverse())
                    : new TrackedProcess(process, process.weight(), process.reverse() || ref.reverse()));
        }
        return new Tracking(interfaces, trackedScripts, trackedFiles, trackedProcesses);
    }

    boolean isUsed(VrrpScript script) {
        return usedScripts.contains(script.name());
    }

    private void missing(TrackRef ref, String owner, String what, String section, Set<String> known) {
        String closest = ClosestWord.nearest(ref.name(), known).orElse(null);
        report.error(ref.at(), owner + " " + what + " " + ref.name() + " not found, ignoring...",
                closest != null && ClosestWord.distance(closest, ref.name()) <= Math.max(2, ref.name().length() / 3)
                        ? "did you mean '" + closest + "'?"
                        : "define it with " + section + " " + ref.name() + " { ... }");
    }
}
