package dev.tandem.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a configuration check may learn about the machine it runs on. Configs are often checked
 * on another machine than the one that runs them, so everything learnt here only ever produces
 * warnings, never errors. Tests pass a fake.
 */
public interface HostFacts {

    /** An environment variable, as haproxy's {@code "${NAME}"} expansion sees it. */
    Optional<String> env(String name);

    /** Whether a network interface of that name exists here. */
    boolean interfaceExists(String name);

    /** Whether a regular file exists and is readable. */
    boolean isReadableFile(Path path);

    /** Whether a file exists and is executable (notify and track scripts). */
    boolean isExecutable(Path path);

    /** These facts, but with exactly the given environment (e.g. the demo's variables). */
    default HostFacts withEnv(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        HostFacts base = this;
        return new HostFacts() {
            @Override
            public Optional<String> env(String name) {
                return Optional.ofNullable(copy.get(name));
            }

            @Override
            public boolean interfaceExists(String name) {
                return base.interfaceExists(name);
            }

            @Override
            public boolean isReadableFile(Path path) {
                return base.isReadableFile(path);
            }

            @Override
            public boolean isExecutable(Path path) {
                return base.isExecutable(path);
            }
        };
    }

    /** The facts of this machine and this process. */
    static HostFacts system() {
        return new HostFacts() {
            @Override
            public Optional<String> env(String name) {
                return Optional.ofNullable(System.getenv(name));
            }

            @Override
            public boolean interfaceExists(String name) {
                return Files.exists(Path.of("/sys/class/net", name));
            }

            @Override
            public boolean isReadableFile(Path path) {
                return Files.isRegularFile(path) && Files.isReadable(path);
            }

            @Override
            public boolean isExecutable(Path path) {
                return Files.isRegularFile(path) && Files.isExecutable(path);
            }
        };
    }

    /** A machine where every interface and file exists, with the given environment. */
    static HostFacts permissive(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        return new HostFacts() {
            @Override
            public Optional<String> env(String name) {
                return Optional.ofNullable(copy.get(name));
            }

            @Override
            public boolean interfaceExists(String name) {
                return true;
            }

            @Override
            public boolean isReadableFile(Path path) {
                return true;
            }

            @Override
            public boolean isExecutable(Path path) {
                return true;
            }
        };
    }
}
