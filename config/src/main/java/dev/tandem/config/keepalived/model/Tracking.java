package dev.tandem.config.keepalived.model;

import java.util.List;

/** Everything an instance or sync group tracks, each reference resolved to its definition. */
public record Tracking(
        List<TrackedInterface> interfaces,
        List<TrackedScript> scripts,
        List<TrackedFile> files,
        List<TrackedProcess> processes) {

    public static final Tracking NONE = new Tracking(List.of(), List.of(), List.of(), List.of());

    public Tracking {
        interfaces = List.copyOf(interfaces);
        scripts = List.copyOf(scripts);
        files = List.copyOf(files);
        processes = List.copyOf(processes);
    }

    public boolean isEmpty() {
        return interfaces.isEmpty() && scripts.isEmpty() && files.isEmpty() && processes.isEmpty();
    }
}
