package dev.tandem.config.keepalived.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The root of a validated keepalived.conf: what the VRRP engine runs. Only
 * {@code KeepalivedConfigReader} builds it, and only when the file has no error.
 *
 * @param configId the id {@code @id} / {@code @^id} lines were matched against
 * @param instances in file order
 * @param syncGroups in file order, members resolved
 * @param scripts every vrrp_script, used or not
 */
public record KeepalivedConfig(
        GlobalDefs global,
        List<VrrpInstance> instances,
        List<SyncGroup> syncGroups,
        List<VrrpScript> scripts,
        List<TrackFile> trackFiles,
        List<TrackProcess> trackProcesses,
        String configId) {

    public KeepalivedConfig {
        Objects.requireNonNull(global, "global");
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        scripts = List.copyOf(scripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        Objects.requireNonNull(configId, "configId");
    }

    public Optional<VrrpInstance> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<SyncGroup> syncGroup(String name) {
        return syncGroups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Optional<SyncGroup> syncGroupOf(VrrpInstance instance) {
        return instance.syncGroup().flatMap(this::syncGroup);
    }
}
