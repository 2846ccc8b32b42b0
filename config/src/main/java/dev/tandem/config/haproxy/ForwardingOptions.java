package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.ForwardFor;
import dev.tandem.config.haproxy.model.Network;
import dev.tandem.config.haproxy.model.OriginalTo;
import java.util.Optional;

/**
 * {@code option forwardfor [except <net>] [header <name>] [if-none]} and
 * {@code option originalto [except <net>] [header <name>]} (configuration.txt §4.2).
 */
final class ForwardingOptions {

    private ForwardingOptions() {}

    static void forwardFor(Line line, int at, ProxyDraft p, boolean no, Report report) {
        if (no) {
            p.forwardFor = null;
            return;
        }
        Optional<Network> except = Optional.empty();
        String header = ForwardFor.DEFAULT_HEADER;
        boolean ifNone = false;
        for (int i = at + 1; i < line.size(); i++) {
            String w = line.text(i);
            switch (w) {
                case "except" -> {
                    try {
                        except = Optional.of(Addresses.network(line.text(i + 1)));
                    } catch (Addresses.Invalid e) {
                        report.error(line, i + 1, "'option forwardfor except' : " + e.getMessage(), e.hint);
                        return;
                    }
                    i++;
                }
                case "header" -> {
                    if (!line.has(i + 1)) {
                        report.error(line, i, "'option forwardfor header' expects a header name");
                        return;
                    }
                    header = line.text(++i);
                }
                case "if-none" -> ifNone = true;
                default -> {
                    report.error(line, i, "'option forwardfor' : unexpected '" + w + "'",
                            "write option forwardfor [except <network>] [header <name>] [if-none]");
                    return;
                }
            }
        }
        p.forwardFor = new ForwardFor(except, header, ifNone);
    }

    static void originalTo(Line line, int at, ProxyDraft p, boolean no, Report report) {
        if (no) {
            p.originalTo = null;
            return;
        }
        Optional<Network> except = Optional.empty();
        String header = OriginalTo.DEFAULT_HEADER;
        for (int i = at + 1; i < line.size(); i++) {
            String w = line.text(i);
            switch (w) {
                case "except" -> {
                    try {
                        except = Optional.of(Addresses.network(line.text(i + 1)));
                    } catch (Addresses.Invalid e) {
                        report.error(line, i + 1, "'option originalto except' : " + e.getMessage(), e.hint);
                        return;
                    }
                    i++;
                }
                case "header" -> {
                    if (!line.has(i + 1)) {
                        report.error(line, i, "'option originalto header' expects a header name");
                        return;
                    }
                    header = line.text(++i);
                }
                default -> {
                    report.error(line, i, "'option originalto' : unexpected '" + w + "'",
                            "write option originalto [except <network>] [header <name>]");
                    return;
                }
            }
        }
        p.originalTo = new OriginalTo(except, header);
    }
}
