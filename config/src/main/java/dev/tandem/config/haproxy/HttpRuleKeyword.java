package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.Condition;
import dev.tandem.config.haproxy.model.HttpAction;
import dev.tandem.config.haproxy.model.HttpRule;
import dev.tandem.config.haproxy.model.LogFormat;
import dev.tandem.config.haproxy.model.MatchMethod;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.SampleExpr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code http-request}, {@code http-response} and {@code redirect} rules (configuration.txt §4.2, §4.4). */
final class HttpRuleKeyword {

    static final List<String> REQUEST_ACTIONS = List.of("add-header", "set-header", "del-header", "replace-header",
            "replace-value", "replace-path", "set-path", "set-uri", "set-method", "set-var", "deny", "return", "redirect",
            "allow");
    static final List<String> RESPONSE_ACTIONS = List.of("add-header", "set-header", "del-header", "replace-header",
            "replace-value", "deny", "set-status", "allow", "redirect", "return");
    /** Real haproxy actions Tandem does not run yet: a clear "not supported" instead of "unknown". */
    static final Set<String> NOT_YET = Set.of("tarpit", "auth", "track-sc0", "track-sc1", "track-sc2", "use-service",
            "set-timeout", "normalize-uri", "replace-uri", "replace-pathq", "set-pathq", "set-query", "capture",
            "set-log-level", "set-nice", "set-src", "set-dst", "lua", "cache-use", "cache-store", "early-hint",
            "sc-inc-gpc0", "silent-drop", "reject", "wait-for-body", "wait-for-handshake", "set-map", "del-map",
            "add-acl", "del-acl", "unset-var", "set-var-fmt", "do-resolve", "set-bandwidth-limit", "strict-mode");

    /** Status codes haproxy can produce itself (configuration.txt "errorfile"). */
    static final Set<Integer> ERROR_STATUSES = Set.of(200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 414, 425, 429,
            431, 500, 501, 502, 503, 504);

    private HttpRuleKeyword() {}

    static void httpRequest(Line line, ProxyDraft p, Report report) {
        HttpRule r = rule(line, 1, p, true, report);
        if (r != null) {
            p.httpRequestRules.add(r);
        }
    }

    static void httpResponse(Line line, ProxyDraft p, Report report) {
        HttpRule r = rule(line, 1, p, false, report);
        if (r != null) {
            p.httpResponseRules.add(r);
        }
    }

    /** The old {@code redirect} keyword: same arguments as {@code http-request redirect}. */
    static void redirect(Line line, ProxyDraft p, Report report) {
        HttpRule r = rule(line, 0, p, true, report);
        if (r != null) {
            p.redirectRules.add(r);
        }
    }

    private static int conditionStart(Line line, int from) {
        for (int i = from; i < line.size(); i++) {
            Word w = line.words().get(i);
            if (w.is("if") || w.is("unless")) {
                return i;
            }
        }
        return line.size();
    }

    private static HttpRule rule(Line line, int at, ProxyDraft p, boolean request, Report report) {
        String side = request ? "http-request" : "http-response";
        if (!line.has(at)) {
            report.error(line, 0, "'" + side + "' expects an action",
                    "e.g. " + side + " set-header X-Forwarded-Proto https");
            return null;
        }
        int end = conditionStart(line, at + 1);
        Optional<Condition> cond = Optional.empty();
        if (end < line.size()) {
            Condition c = AclKeyword.condition(line, end, p, report);
            if (c == null) {
                return null;
            }
            cond = Optional.of(c);
        }
        String action = line.text(at);
        String base = action.startsWith("set-var(") ? "set-var" : action;
        List<String> known = request ? REQUEST_ACTIONS : RESPONSE_ACTIONS;
        if (!known.contains(base)) {
            if (NOT_YET.contains(base) || base.startsWith("set-var-fmt(") || base.startsWith("unset-var(")
                    || base.startsWith("track-sc")) {
                report.error(line, at, "'" + side + " " + base + "' is not supported by Tandem yet",
                        "supported actions: " + String.join(", ", known));
            } else {
                report.error(line, at, "'" + side + "' unknown action '" + action + "'" + Suggestions.didYouMean(action, known),
                        "supported actions: " + String.join(", ", known));
            }
            return null;
        }
        HttpAction a = action(line, at, end, base, request, report);
        return a == null ? null : new HttpRule(a, cond, new Origin(line.file(), line.number()));
    }

    private static HttpAction action(Line line, int at, int end, String action, boolean request, Report report) {
        int args = end - at - 1;
        String[] why = new String[1];
        switch (action) {
            case "add-header", "set-header" -> {
                if (args != 2) {
                    report.error(line, at, "'" + action + "' expects exactly 2 arguments: <name> <fmt>, but got " + args,
                            args > 2 ? "quote the value: " + action + " " + line.text(at + 1) + " \"" + line.join(at + 2, end) + "\"" : null);
                    return null;
                }
                LogFormat f = format(line, at + 2, report);
                if (f == null) {
                    return null;
                }
                return action.equals("add-header") ? new HttpAction.AddHeader(line.text(at + 1), f)
                        : new HttpAction.SetHeader(line.text(at + 1), f);
            }
            case "del-header" -> {
                MatchMethod m = MatchMethod.STR;
                if (args == 3 && line.text(at + 2).equals("-m")) {
                    String meth = line.text(at + 3);
                    switch (meth) {
                        case "str", "beg", "end", "sub", "reg" -> m = MatchMethod.valueOf(meth.toUpperCase(Locale.ROOT));
                        default -> {
                            report.error(line, at + 3, "'del-header -m' expects str, beg, end, sub or reg, not '" + meth + "'");
                            return null;
                        }
                    }
                } else if (args != 1) {
                    report.error(line, at, "'del-header' expects <name> [-m <method>]");
                    return null;
                }
                return new HttpAction.DelHeader(line.text(at + 1), m);
            }
            case "replace-header", "replace-value" -> {
                if (args != 3) {
                    report.error(line, at, "'" + action + "' expects exactly 3 arguments: <name> <regex> <fmt>");
                    return null;
                }
                if (!regex(line, at + 2, report)) {
                    return null;
                }
                LogFormat f = format(line, at + 3, report);
                return f == null ? null : new HttpAction.ReplaceHeader(line.text(at + 1), line.text(at + 2), f,
                        action.equals("replace-value"));
            }
            case "replace-path" -> {
                if (args != 2) {
                    report.error(line, at, "'replace-path' expects exactly 2 arguments: <regex> <fmt>");
                    return null;
                }
                if (!regex(line, at + 1, report)) {
                    return null;
                }
                LogFormat f = format(line, at + 2, report);
                return f == null ? null : new HttpAction.ReplacePath(line.text(at + 1), f);
            }
            case "set-path", "set-uri", "set-method" -> {
                if (args != 1) {
                    report.error(line, at, "'" + action + "' expects exactly 1 argument: <fmt>");
                    return null;
                }
                LogFormat f = format(line, at + 1, report);
                if (f == null) {
                    return null;
                }
                return switch (action) {
                    case "set-path" -> new HttpAction.SetPath(f);
                    case "set-uri" -> new HttpAction.SetUri(f);
                    default -> new HttpAction.SetMethod(f);
                };
            }
            case "set-var" -> {
                String w = line.text(at);
                int close = w.indexOf(')');
                String var = close < 0 ? "" : w.substring("set-var(".length(), close);
                int dot = var.indexOf('.');
                String scope = dot < 0 ? "" : var.substring(0, dot);
                if (close != w.length() - 1 || dot <= 0 || dot == var.length() - 1
                        || !Set.of("proc", "sess", "txn", "req", "res").contains(scope)) {
                    report.error(line, at, "invalid variable '" + w + "'",
                            "write set-var(<scope>.<name>) with scope proc, sess, txn, req or res");
                    return null;
                }
                if (args != 1) {
                    report.error(line, at, "'set-var' expects exactly 1 argument: <expr>");
                    return null;
                }
                try {
                    SampleExpr e = SampleExprParser.parse(line.text(at + 1));
                    return new HttpAction.SetVar(scope, var.substring(dot + 1), e);
                } catch (SampleExprParser.Invalid e) {
                    report.error(line, at + 1, e.getMessage(), e.hint);
                    return null;
                }
            }
            case "allow" -> {
                if (args != 0) {
                    report.error(line, at + 1, "'allow' takes no argument");
                    return null;
                }
                return new HttpAction.Allow();
            }
            case "deny" -> {
                int status = request ? 403 : 502;
                int i = at + 1;
                while (i < end) {
                    String w = line.text(i);
                    if ((w.equals("deny_status") || w.equals("status")) && i + 1 < end) {
                        Integer s = Numbers.integer(line.text(i + 1), 200, 599, "deny status", why);
                        if (s == null || !ERROR_STATUSES.contains(s)) {
                            report.error(line, i + 1, s == null ? why[0] : "status " + s + " cannot be emitted by haproxy",
                                    "use one of " + ERROR_STATUSES.stream().sorted().toList());
                            return null;
                        }
                        status = s;
                        i += 2;
                    } else {
                        report.error(line, i, "'deny' unexpected argument '" + w + "'", "write deny [deny_status <code>]");
                        return null;
                    }
                }
                return new HttpAction.Deny(status);
            }
            case "set-status" -> {
                if (args != 1 && !(args == 3 && line.text(at + 2).equals("reason"))) {
                    report.error(line, at, "'set-status' expects <status> [reason <text>]");
                    return null;
                }
                Integer s = Numbers.integer(line.text(at + 1), 100, 999, "status", why);
                if (s == null) {
                    report.error(line, at + 1, why[0]);
                    return null;
                }
                return new HttpAction.SetStatus(s, args == 3 ? Optional.of(line.text(at + 3)) : Optional.empty());
            }
            case "redirect" -> {
                return redirect(line, at, end, report);
            }
            case "return" -> {
                return returnAction(line, at, end, report);
            }
            default -> throw new IllegalStateException(action);
        }
    }

    private static HttpAction redirect(Line line, int at, int end, Report report) {
        if (end - at < 3) {
            report.error(line, at, "'redirect' expects location|prefix|scheme <target> [code <n>]",
                    "e.g. redirect scheme https code 301 if !{ ssl_fc }");
            return null;
        }
        String type = line.text(at + 1);
        HttpAction.RedirectType t = switch (type) {
            case "location" -> HttpAction.RedirectType.LOCATION;
            case "prefix" -> HttpAction.RedirectType.PREFIX;
            case "scheme" -> HttpAction.RedirectType.SCHEME;
            default -> null;
        };
        if (t == null) {
            report.error(line, at + 1, "'redirect' expects 'location', 'prefix' or 'scheme', not '" + type + "'"
                    + Suggestions.didYouMean(type, List.of("location", "prefix", "scheme")), null);
            return null;
        }
        LogFormat target = format(line, at + 2, report);
        if (target == null) {
            return null;
        }
        int code = 302;
        boolean dropQuery = false;
        boolean appendSlash = false;
        int i = at + 3;
        while (i < end) {
            String w = line.text(i);
            switch (w) {
                case "code" -> {
                    String c = line.text(i + 1);
                    if (!Set.of("301", "302", "303", "307", "308").contains(c)) {
                        report.error(line, i + 1, "'redirect' : unsupported HTTP code '" + c + "'",
                                "use 301, 302, 303, 307 or 308");
                        return null;
                    }
                    code = Integer.parseInt(c);
                    i += 2;
                }
                case "drop-query" -> {
                    dropQuery = true;
                    i++;
                }
                case "append-slash" -> {
                    appendSlash = true;
                    i++;
                }
                case "set-cookie", "clear-cookie" -> i += 2;
                case "ignore-empty" -> i++;
                default -> {
                    report.error(line, i, "'redirect' unexpected keyword '" + w + "'"
                            + Suggestions.didYouMean(w, List.of("code", "drop-query", "append-slash", "if", "unless")),
                            null);
                    return null;
                }
            }
        }
        return new HttpAction.Redirect(t, target, code, dropQuery, appendSlash);
    }

    private static HttpAction returnAction(Line line, int at, int end, Report report) {
        int status = 200;
        Optional<String> contentType = Optional.empty();
        Optional<HttpAction.ReturnBody> body = Optional.empty();
        String[] why = new String[1];
        int i = at + 1;
        while (i < end) {
            String w = line.text(i);
            if (i + 1 >= end) {
                report.error(line, i, "'return' option '" + w + "' expects an argument");
                return null;
            }
            String arg = line.text(i + 1);
            switch (w) {
                case "status" -> {
                    Integer s = Numbers.integer(arg, 200, 599, "return status", why);
                    if (s == null) {
                        report.error(line, i + 1, why[0]);
                        return null;
                    }
                    status = s;
                }
                case "content-type" -> contentType = Optional.of(arg);
                case "string" -> body = Optional.of(new HttpAction.ReturnBody.Text(arg));
                case "lf-string" -> {
                    LogFormat f = format(line, i + 1, report);
                    if (f == null) {
                        return null;
                    }
                    body = Optional.of(new HttpAction.ReturnBody.Format(f));
                }
                case "file", "lf-file" -> {
                    try {
                        Path path = Path.of(arg);
                        if (Files.size(path) > 1024 * 1024) {
                            report.error(line, i + 1, "'return' file '" + arg + "' is too large (more than 1 MB)");
                            return null;
                        }
                        body = Optional.of(new HttpAction.ReturnBody.File(arg,
                                new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1)));
                    } catch (IOException | RuntimeException e) {
                        report.error(line, i + 1, "'return' cannot read file '" + arg + "'");
                        return null;
                    }
                }
                case "hdr" -> i++;
                default -> {
                    report.error(line, i, "'return' unexpected keyword '" + w + "'" + Suggestions.didYouMean(w,
                            List.of("status", "content-type", "string", "lf-string", "file", "hdr")), null);
                    return null;
                }
            }
            i += 2;
        }
        if (body.isPresent() && contentType.isEmpty()) {
            report.error(line, at, "'return' with a body needs a 'content-type'", "e.g. return status 200 content-type text/plain string ok");
            return null;
        }
        return new HttpAction.Return(status, contentType, body);
    }

    static LogFormat format(Line line, int word, Report report) {
        try {
            return LogFormatParser.parse(line.text(word));
        } catch (LogFormatParser.Invalid e) {
            report.error(line, word, e.getMessage(), e.hint);
            return null;
        }
    }

    private static boolean regex(Line line, int word, Report report) {
        try {
            Pattern.compile(line.text(word));
            return true;
        } catch (PatternSyntaxException e) {
            report.error(line, word, "invalid regex '" + line.text(word) + "': " + e.getDescription());
            return false;
        }
    }
}
