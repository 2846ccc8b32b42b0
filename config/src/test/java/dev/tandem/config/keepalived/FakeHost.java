package dev.tandem.config.keepalived;

import dev.tandem.config.HostFacts;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** A hand-written machine: only the listed interfaces and executables exist. */
record FakeHost(Set<String> interfaces, Set<String> executables) implements HostFacts {

    /** The article's load balancer: eth0, eth1 and the notify script exist. */
    static FakeHost articleNode() {
        return new FakeHost(Set.of("lo", "eth0", "eth1"), Set.of("/usr/local/bin/keepalived-extern.sh"));
    }

    /** A machine like this build host: no eth0, no notify script. */
    static FakeHost bareMachine() {
        return new FakeHost(Set.of("lo", "eth1"), Set.of());
    }

    static FakeHost everything() {
        return new FakeHost(null, null);
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.empty();
    }

    @Override
    public boolean interfaceExists(String name) {
        return interfaces == null || interfaces.contains(name);
    }

    @Override
    public boolean isReadableFile(Path path) {
        return executables == null || executables.contains(path.toString());
    }

    @Override
    public boolean isExecutable(Path path) {
        return executables == null || executables.contains(path.toString());
    }
}
