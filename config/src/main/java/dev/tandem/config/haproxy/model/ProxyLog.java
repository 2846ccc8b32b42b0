package dev.tandem.config.haproxy.model;

import java.util.List;
import java.util.Optional;

/**
 * What a proxy logs and where. {@code log global} is already replaced by the global targets.
 *
 * @param format the per-request format: {@code option httplog}/{@code tcplog}/{@code log-format};
 *        empty means haproxy's connection-level default ("Connect from ...")
 * @param formatKind which keyword produced the format (HTTPLOG, HTTPLOG_CLF, TCPLOG, CUSTOM, NONE)
 */
public record ProxyLog(List<LogTarget> targets, Optional<LogFormat> format, LogFormatKind formatKind,
        boolean dontLogNull) {

    public ProxyLog {
        targets = List.copyOf(targets);
    }

    public enum LogFormatKind {
        NONE,
        HTTPLOG,
        HTTPLOG_CLF,
        TCPLOG,
        CUSTOM
    }
}
