package dev.tandem.config.keepalived;

import dev.tandem.config.HostFacts;
import dev.tandem.config.keepalived.model.TrackedInterface;
import dev.tandem.config.keepalived.model.Vip;
import dev.tandem.config.keepalived.model.VrrpInstance;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What depends on the machine: interfaces and scripts. Configs are often checked on another host,
 * so these are warnings only, and each says it was checked here.
 */
final class HostChecks {

    private static final String HERE = " (checked on this machine; ignore it if the file is meant for another host)";

    private final HostFacts host;
    private final Diagnostics report;

    HostChecks(HostFacts host, Diagnostics report) {
        this.host = host;
        this.report = report;
    }

    void run(Map<String, InstanceDraft> drafts, Map<String, VrrpInstance> instances, List<ScriptUse> scriptUses) {
        for (VrrpInstance instance : instances.values()) {
            InstanceDraft draft = drafts.get(instance.name());
            if (draft.interfaceAt != null && !host.interfaceExists(draft.interfaceName)) {
                report.warning(draft.interfaceAt, "WARNING - interface " + draft.interfaceName + " for vrrp_instance "
                        + instance.name() + " doesn't exist", "the instance waits in FAULT until "
                        + draft.interfaceName + " exists" + HERE);
            }
            for (TrackedInterface tracked : instance.tracking().interfaces()) {
                if (!host.interfaceExists(tracked.name())) {
                    Statement at = draft.tracks.interfaces.stream().filter(r -> r.name().equals(tracked.name()))
                            .findFirst().map(TrackRef::at).orElse(draft.at);
                    report.warning(at, "(" + instance.name() + ") tracked interface " + tracked.name() + " doesn't exist",
                            "a missing tracked interface counts as down" + HERE);
                }
            }
            for (Vip vip : instance.allVips()) {
                if (vip.device().isPresent() && !host.interfaceExists(vip.device().get())) {
                    report.accept(dev.tandem.config.Diagnostic.warning(vip.position().file(), vip.position().line(),
                            "WARNING - interface " + vip.device().get() + " for ip address " + vip.cidr()
                                    + " doesn't exist").withHint("the address cannot be added until it exists" + HERE));
                }
            }
        }
        Set<String> reported = new HashSet<>();
        for (ScriptUse use : scriptUses) {
            String program = use.command().program();
            if (!program.startsWith("/") || !reported.add(program + "\u0000" + use.role())) {
                continue;
            }
            Path path;
            try {
                path = Path.of(program);
            } catch (InvalidPathException e) {
                continue;
            }
            boolean executable = host.isExecutable(path);
            if (executable) {
                continue;
            }
            String disabled = use.role().startsWith("vrrp_script")
                    ? " - " + use.role() + " will be disabled (and the instances tracking it go to FAULT)"
                    : " - " + use.role() + " will be disabled";
            if (!host.isReadableFile(path)) {
                report.warning(use.at(), "Script " + program + " cannot be accessed - No such file or directory" + disabled,
                        "install the script or fix the path" + HERE);
            } else {
                report.warning(use.at(), "Script " + program + " is not executable" + disabled,
                        "chmod +x " + program + HERE);
            }
        }
    }
}
