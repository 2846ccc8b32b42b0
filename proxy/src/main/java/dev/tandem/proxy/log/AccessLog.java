package dev.tandem.proxy.log;

import dev.tandem.proxy.model.LogTarget;
import java.time.Clock;
import java.util.List;

/**
 * One proxy's log: frames each line per target and hands it to that target's sink, honouring
 * each target's level filters (configuration.txt §3.1 "log").
 */
public final class AccessLog {

    /** A target and the sink that carries its lines. */
    public record Route(LogTarget target, LogSink sink) {}

    private final List<Route> routes;
    private final SyslogFrame frame;
    private final Clock clock;

    public AccessLog(List<Route> routes, SyslogFrame frame, Clock clock) {
        this.routes = List.copyOf(routes);
        this.frame = frame;
        this.clock = clock;
    }

    public boolean enabled() {
        return !routes.isEmpty();
    }

    /** A traffic line: haproxy logs requests and connections at info. */
    public void info(String line) {
        log(SyslogFrame.INFO, line);
    }

    /** A line at syslog {@code level} (0 emerg .. 7 debug). */
    public void log(int level, String line) {
        if (routes.isEmpty()) {
            return;
        }
        java.time.Instant now = clock.instant();
        for (Route r : routes) {
            int sent = r.target().levelFor(level);
            if (sent >= 0) {
                r.sink().send(frame.frame(r.target().format(), r.target().facility(), sent, now, line));
            }
        }
    }
}
