package dev.tandem.config.haproxy.model;

import java.util.Optional;

/**
 * One {@code log} line: where, in which framing, with which facility and level filter
 * (configuration.txt §3.1 "log").
 *
 * @param level the maximum level sent (messages above it are dropped); empty = all
 * @param minLevel messages below this level are raised to it; empty = unchanged
 */
public record LogTarget(LogSink sink, SyslogFormat format, Facility facility, Optional<LogLevel> level,
        Optional<LogLevel> minLevel, int maxlen, Origin origin) {
}
