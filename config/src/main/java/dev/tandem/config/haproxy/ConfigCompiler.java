package dev.tandem.config.haproxy;

import dev.tandem.config.HostFacts;
import dev.tandem.config.haproxy.model.ProxyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the active lines of all files, opening sections and handing each keyword line to its
 * section's parser. Pure: lines in, drafts and diagnostics out (errorfile and crt contents are
 * the only files it reads, through the keyword classes).
 */
final class ConfigCompiler {

    static final List<String> SECTIONS = List.of("global", "defaults", "frontend", "backend", "listen", "userlist",
            "peers", "resolvers", "http-errors");

    /** Real haproxy sections Tandem does not run. */
    static final Set<String> UNSUPPORTED_SECTIONS = Set.of("cache", "mailers", "program", "ring", "fcgi-app",
            "log-forward", "crt-store", "traces", "acme", "backend-settings");

    final GlobalDraft global = new GlobalDraft();
    final List<ProxyDraft> proxies = new ArrayList<>();
    final List<OtherSections.Draft> others = new ArrayList<>();
    private final Map<String, ProxyDraft> namedDefaults = new LinkedHashMap<>();
    private ProxyDraft lastDefaults;
    private final HostFacts host;
    private final Report report;

    private enum Kind { NONE, GLOBAL, PROXY, OTHER, SKIP }

    private Kind current = Kind.NONE;
    private ProxyDraft proxy;
    private OtherSections.Draft other;

    ConfigCompiler(HostFacts host, Report report) {
        this.host = host;
        this.report = report;
    }

    void line(Line line) {
        String kw = line.keyword();
        if (!line.words().get(0).quoted() && (SECTIONS.contains(kw) || UNSUPPORTED_SECTIONS.contains(kw))) {
            section(line);
            return;
        }
        switch (current) {
            case GLOBAL -> GlobalKeywords.parse(line, global, report);
            case PROXY -> ProxyKeywords.parse(line, proxy, global, host, report);
            case OTHER -> OtherSections.parse(line, other, report);
            case SKIP -> {
            }
            case NONE -> {
                List<String> known = new ArrayList<>(SECTIONS);
                String hint = ProxyKeywords.KEYWORDS.contains(kw) || GlobalKeywords.KEYWORDS.contains(kw)
                        ? "start a section first, e.g. 'global' or 'frontend <name>'" : null;
                report.error(line, 0, "unknown keyword '" + kw + "' out of section"
                        + (hint == null ? Suggestions.didYouMean(kw, known) : ""), hint);
            }
        }
    }

    private void section(Line line) {
        String kw = line.keyword();
        if (UNSUPPORTED_SECTIONS.contains(kw)) {
            report.error(line, 0, "'" + kw + "' sections are not supported by Tandem yet");
            current = Kind.SKIP;
            return;
        }
        switch (kw) {
            case "global" -> {
                if (line.has(1)) {
                    report.error(line, 1, "'global' takes no argument");
                }
                current = Kind.GLOBAL;
            }
            case "defaults" -> defaults(line);
            case "frontend", "backend", "listen" -> proxy(line, ProxyKind.valueOf(kw.toUpperCase(java.util.Locale.ROOT)));
            default -> {
                if (!line.has(1)) {
                    report.error(line, 0, "'" + kw + "' section expects a name");
                    current = Kind.SKIP;
                    return;
                }
                for (OtherSections.Draft d : others) {
                    if (d.kind.equals(kw) && d.name.equals(line.text(1))) {
                        report.error(line, 1, kw + " section '" + d.name + "' has the same name as the one declared at "
                                + d.declaration.file() + ":" + d.declaration.number());
                    }
                }
                other = new OtherSections.Draft(kw, line.text(1), line);
                others.add(other);
                current = Kind.OTHER;
            }
        }
    }

    private void defaults(Line line) {
        String name = line.has(1) && !line.text(1).equals("from") ? line.text(1) : "";
        ProxyDraft d = new ProxyDraft(name, null, line);
        int fromAt = name.isEmpty() ? 1 : 2;
        if (line.text(fromAt).equals("from")) {
            ProxyDraft base = namedDefaults.get(line.text(fromAt + 1));
            if (base == null) {
                report.error(line, fromAt + 1, "defaults section '" + line.text(fromAt + 1) + "' not found"
                        + Suggestions.didYouMean(line.text(fromAt + 1), namedDefaults.keySet()), null);
            } else {
                d.inheritFrom(base);
            }
        } else if (line.has(fromAt)) {
            report.error(line, fromAt, "unexpected '" + line.text(fromAt) + "' after 'defaults" + (name.isEmpty() ? "" : " " + name) + "'",
                    "write defaults [<name>] [from <defaults>]");
        }
        if (!name.isEmpty()) {
            if (!validName(name)) {
                report.error(line, 1, "invalid character in defaults name '" + name + "'",
                        "names use letters, digits, '-', '_', '.' and ':'");
            }
            namedDefaults.put(name, d);
        }
        lastDefaults = d;
        proxy = d;
        current = Kind.PROXY;
    }

    private void proxy(Line line, ProxyKind kind) {
        String kw = kind.keyword();
        current = Kind.SKIP;
        if (!line.has(1)) {
            report.error(line, 0, "'" + kw + "' expects a name", "e.g. " + kw + " www");
            return;
        }
        String name = line.text(1);
        if (!validName(name)) {
            report.error(line, 1, "invalid character '" + firstInvalid(name) + "' in " + kw + " name '" + name + "'",
                    "names use letters, digits, '-', '_', '.' and ':'");
            return;
        }
        ProxyDraft base = lastDefaults;
        if (line.has(2)) {
            if (line.text(2).equals("from") && line.has(3) && line.size() == 4) {
                base = namedDefaults.get(line.text(3));
                if (base == null) {
                    report.error(line, 3, "defaults section '" + line.text(3) + "' not found"
                            + Suggestions.didYouMean(line.text(3), namedDefaults.keySet()), "declare it first: defaults " + line.text(3));
                    return;
                }
            } else if (kind == ProxyKind.LISTEN && !line.text(2).equals("from")) {
                report.error(line, 2, "'listen " + name + " " + line.text(2) + "' : please use the 'bind' keyword for listening addresses.",
                        "listen " + name + "\n        bind " + line.text(2));
                return;
            } else {
                report.error(line, 2, "unexpected '" + line.join(2) + "' after '" + kw + " " + name + "'",
                        "write " + kw + " <name> [from <defaults>]");
                return;
            }
        }
        for (ProxyDraft other : proxies) {
            boolean clash = other.name.equals(name)
                    && ((other.kind.isFrontend() && kind.isFrontend()) || (other.kind.isBackend() && kind.isBackend()));
            if (clash) {
                report.error(line, 1, kw + " '" + name + "' has the same name as " + other.kind.keyword() + " '" + name
                        + "' declared at " + other.declaration.file() + ":" + other.declaration.number(),
                        "give every proxy its own name (a frontend and a backend may share one)");
                return;
            }
        }
        ProxyDraft p = new ProxyDraft(name, kind, line);
        if (base != null) {
            p.inheritFrom(base);
        }
        proxies.add(p);
        proxy = p;
        current = Kind.PROXY;
    }

    private static boolean validName(String name) {
        return firstInvalid(name) == 0;
    }

    private static char firstInvalid(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
                return c;
            }
        }
        return 0;
    }
}
