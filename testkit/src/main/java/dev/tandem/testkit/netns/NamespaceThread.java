package dev.tandem.testkit.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One platform thread that lives inside a network namespace and runs submitted code there. A platform
 * thread because a namespace belongs to an OS thread: a virtual thread could hop carriers between calls.
 */
final class NamespaceThread implements AutoCloseable {
    private final String namespace;
    private final Object expectedNetns;
    private final ExecutorService executor;
    private volatile RuntimeException enterFailure;

    NamespaceThread(String namespace) {
        this.namespace = namespace;
        try {
            this.expectedNetns = Files.getAttribute(Path.of("/run/netns", namespace), "unix:ino");
        } catch (IOException e) {
            throw new IllegalStateException("namespace " + namespace + " does not exist: " + e.getMessage(), e);
        }
        this.executor = Executors.newSingleThreadExecutor(task -> Thread.ofPlatform()
                .name("netns-" + namespace).daemon().unstarted(() -> {
                    try {
                        Setns.enter(namespace);
                    } catch (RuntimeException e) {
                        enterFailure = e;
                    }
                    task.run();
                }));
    }

    <T> T call(Callable<T> code) throws Exception {
        try {
            return executor.submit(() -> {
                if (enterFailure != null) {
                    throw enterFailure;
                }
                // Belt and braces: a replaced pool thread must never run code in the wrong namespace.
                Object actual = Files.getAttribute(Path.of("/proc/thread-self/ns/net"), "unix:ino");
                if (!actual.equals(expectedNetns)) {
                    throw new IllegalStateException("thread is not inside namespace " + namespace);
                }
                return code.call();
            }).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
