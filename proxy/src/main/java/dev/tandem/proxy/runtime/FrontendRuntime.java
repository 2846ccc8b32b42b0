package dev.tandem.proxy.runtime;

import dev.tandem.proxy.log.AccessLog;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.rules.LogFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A frontend as it runs: its model, the backends it may switch to, its connection count (%fc),
 * the process-wide count (%ac), its compiled log format and where log lines go.
 */
public final class FrontendRuntime {

    private final Frontend frontend;
    private final Map<String, BackendRuntime> backends;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger processConnections;
    private final LogFormat logFormat;
    private final AccessLog log;
    private final Runnable onCountChange;

    public FrontendRuntime(Frontend frontend, Map<String, BackendRuntime> backends, AtomicInteger processConnections,
            AccessLog log, Runnable onCountChange) {
        this.frontend = frontend;
        this.backends = Map.copyOf(backends);
        this.processConnections = processConnections;
        this.logFormat = frontend.logging().format() == null ? null : LogFormat.parse(frontend.logging().format());
        this.log = log;
        this.onCountChange = onCountChange;
    }

    public Frontend frontend() {
        return frontend;
    }

    public String name() {
        return frontend.name();
    }

    public BackendRuntime backend(String name) {
        return backends.get(name);
    }

    public AtomicInteger connections() {
        return connections;
    }

    public AtomicInteger processConnections() {
        return processConnections;
    }

    /** The compiled log format, or null for the "Connect from" line. */
    public LogFormat logFormat() {
        return logFormat;
    }

    public AccessLog log() {
        return log;
    }

    public void opened() {
        connections.incrementAndGet();
        processConnections.incrementAndGet();
        onCountChange.run();
    }

    public void closed() {
        connections.decrementAndGet();
        processConnections.decrementAndGet();
        onCountChange.run();
    }
}
