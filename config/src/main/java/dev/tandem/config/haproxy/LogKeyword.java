package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.AddressFamily;
import dev.tandem.config.haproxy.model.Facility;
import dev.tandem.config.haproxy.model.LogLevel;
import dev.tandem.config.haproxy.model.LogSink;
import dev.tandem.config.haproxy.model.LogTarget;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.SyslogFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code log <target> [len <n>] [format <fmt>] <facility> [<level> [<minlevel>]]}
 * (configuration.txt §3.1 "log").
 */
final class LogKeyword {

    private static final List<String> FACILITIES = Arrays.stream(Facility.values()).map(Facility::keyword).toList();
    private static final List<String> LEVELS = Arrays.stream(LogLevel.values()).map(LogLevel::keyword).toList();
    private static final List<String> FORMATS = Arrays.stream(SyslogFormat.values()).map(SyslogFormat::keyword).toList();

    private LogKeyword() {}

    /** The target, or null after reporting why. {@code line.text(1)} is the target. */
    static LogTarget parse(Line line, Report report) {
        String target = line.text(1);
        LogSink sink = sink(line, target, report);
        if (sink == null) {
            return null;
        }
        int i = 2;
        int maxlen = 1024;
        SyslogFormat format = SyslogFormat.RFC3164;
        String[] why = new String[1];
        while (line.has(i)) {
            String w = line.text(i);
            if (w.equals("len")) {
                Integer v = Numbers.integer(line.text(i + 1), 80, 65535, "log length", why);
                if (v == null) {
                    report.error(line, i + 1, why[0]);
                    return null;
                }
                maxlen = v;
                i += 2;
            } else if (w.equals("format")) {
                String f = line.text(i + 1);
                if (!FORMATS.contains(f)) {
                    report.error(line, i + 1, "unknown log format '" + f + "'" + Suggestions.didYouMean(f, FORMATS),
                            "use one of " + String.join(", ", FORMATS));
                    return null;
                }
                format = SyslogFormat.valueOf(f.toUpperCase(Locale.ROOT));
                i += 2;
            } else if (w.equals("sample")) {
                i += 2;
            } else {
                break;
            }
        }
        if (!line.has(i)) {
            report.error(line, 1, "'log " + target + "' : missing facility", "e.g. log " + target + " local0");
            return null;
        }
        String fac = line.text(i);
        if (!FACILITIES.contains(fac)) {
            report.error(line, i, "unknown log facility '" + fac + "'" + Suggestions.didYouMean(fac, FACILITIES),
                    "facilities are kern, user, ..., local0 .. local7");
            return null;
        }
        Facility facility = Facility.valueOf(fac.toUpperCase(Locale.ROOT));
        Optional<LogLevel> level = Optional.empty();
        Optional<LogLevel> minLevel = Optional.empty();
        for (int k = 0; k < 2 && line.has(i + 1 + k); k++) {
            String l = line.text(i + 1 + k);
            if (!LEVELS.contains(l)) {
                report.error(line, i + 1 + k, "unknown log level '" + l + "'" + Suggestions.didYouMean(l, LEVELS),
                        "levels are emerg, alert, crit, err, warning, notice, info, debug");
                return null;
            }
            LogLevel v = LogLevel.valueOf(l.toUpperCase(Locale.ROOT));
            if (k == 0) {
                level = Optional.of(v);
            } else {
                minLevel = Optional.of(v);
            }
        }
        if (line.has(i + 3)) {
            report.error(line, i + 3, "unexpected '" + line.text(i + 3) + "' after the log levels");
            return null;
        }
        return new LogTarget(sink, format, facility, level, minLevel, maxlen, new Origin(line.file(), line.number()));
    }

    private static LogSink sink(Line line, String target, Report report) {
        switch (target) {
            case "stdout", "fd@1" -> {
                return new LogSink.Stdout();
            }
            case "stderr", "fd@2" -> {
                return new LogSink.Stderr();
            }
            default -> {
            }
        }
        String s = target;
        if (s.startsWith("unix@")) {
            return new LogSink.UnixSocket(s.substring(5));
        }
        if (s.startsWith("/")) {
            return new LogSink.UnixSocket(s);
        }
        for (String prefix : List.of("udp@", "udp4@", "udp6@", "ipv4@", "ipv6@")) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        if (s.contains("@")) {
            report.error(line, 1, "unsupported log target '" + target + "'",
                    "Tandem logs to stdout, stderr, a unix socket such as /dev/log, or a syslog server host:port over UDP");
            return null;
        }
        Addresses.HostPort hp;
        try {
            hp = s.startsWith("[") || (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':'))
                    ? Addresses.split(s) : new Addresses.HostPort(s, "", false);
        } catch (Addresses.Invalid e) {
            report.error(line, 1, e.getMessage(), e.hint);
            return null;
        }
        // An unbracketed IPv6 literal with several colons is an address without a port (514 is implied).
        if (!hp.hasColon() && Addresses.isIpv6(s)) {
            return new LogSink.Udp(s, 514, AddressFamily.IPV6);
        }
        int port = 514;
        if (hp.hasColon()) {
            try {
                port = Addresses.port(hp.port(), target);
            } catch (Addresses.Invalid e) {
                report.error(line, 1, "'log " + target + "' : " + e.getMessage(), e.hint);
                return null;
            }
        }
        if (hp.host().equals("localhost")) {
            // The one name every machine agrees on; mapped without a resolver, so checks stay pure.
            return new LogSink.Udp("127.0.0.1", port, AddressFamily.IPV4);
        }
        if (Addresses.isIpv4(hp.host())) {
            return new LogSink.Udp(hp.host(), port, AddressFamily.IPV4);
        }
        if (Addresses.isIpv6(hp.host())) {
            return new LogSink.Udp(hp.host(), port, AddressFamily.IPV6);
        }
        report.error(line, 1, "invalid log target '" + target + "'" + Suggestions.didYouMean(target, List.of("stdout", "stderr", "global")),
                "write stdout, stderr, /dev/log or an IP address with an optional port, e.g. 127.0.0.1:514");
        return null;
    }
}
