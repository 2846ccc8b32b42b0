package dev.tandem.proxy.rules;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds {@link HttpRule}s from the words of an {@code http-request}/{@code http-response} line
 * (the keyword itself excluded), resolving named ACLs. One action keyword, one case here.
 */
public final class RuleParser {

    private final Map<String, List<Acl>> acls;
    private final Path base;

    public RuleParser(Map<String, List<Acl>> acls, Path base) {
        this.acls = Map.copyOf(acls);
        this.base = base;
    }

    public HttpRule parse(List<String> words, boolean response) {
        if (words.isEmpty()) {
            throw new RuleSyntaxException("missing action");
        }
        String action = words.getFirst();
        int cond = condStart(words);
        List<String> args = words.subList(1, cond);
        Condition c = Condition.parse(words.subList(cond, words.size()), acls, base);
        try {
            return switch (action) {
                case "add-header" -> new HttpRule.AddHeader(need(args, 0, action), fmt(args, 1, action), c);
                case "set-header" -> new HttpRule.SetHeader(need(args, 0, action), fmt(args, 1, action), c);
                case "del-header" -> new HttpRule.DelHeader(need(args, 0, action), c);
                case "replace-header", "replace-value" -> new HttpRule.ReplaceHeader(need(args, 0, action),
                        Pattern.compile(need(args, 1, action)), fmt(args, 2, action), action.equals("replace-value"), c);
                case "replace-path", "replace-uri" -> new HttpRule.ReplacePath(Pattern.compile(need(args, 0, action)),
                        fmt(args, 1, action), action.equals("replace-uri"), c);
                case "set-path" -> new HttpRule.SetPath(fmt(args, 0, action), c);
                case "set-uri" -> new HttpRule.SetUri(fmt(args, 0, action), c);
                case "set-method" -> new HttpRule.SetMethod(fmt(args, 0, action), c);
                case "deny" -> new HttpRule.Deny(denyStatus(args, response), c);
                case "return" -> returnRule(args, c);
                case "redirect" -> redirect(args, c);
                default -> {
                    if (action.startsWith("set-var(") && action.endsWith(")")) {
                        SampleExpr expr = SampleExpr.parse(need(args, 0, action));
                        Fetches.check(expr.fetch(), "'" + action + "'");
                        yield new HttpRule.SetVar(action.substring(8, action.length() - 1), expr, c);
                    }
                    throw new RuleSyntaxException("'" + (response ? "http-response" : "http-request")
                            + "' unknown or unsupported action '" + action + "'");
                }
            };
        } catch (PatternSyntaxException e) {
            throw new RuleSyntaxException("invalid regex in '" + action + "': " + e.getDescription());
        }
    }

    /** "redirect ..." as a proxy keyword: same words as the http-request action. */
    public HttpRule redirectKeyword(List<String> words) {
        int cond = condStart(words);
        return redirect(words.subList(0, cond), Condition.parse(words.subList(cond, words.size()), acls, base));
    }

    public BackendSwitch useBackend(List<String> words) {
        if (words.isEmpty()) {
            throw new RuleSyntaxException("'use_backend' expects a backend name");
        }
        int cond = condStart(words);
        return new BackendSwitch(LogFormat.parse(words.getFirst()),
                Condition.parse(words.subList(cond, words.size()), acls, base));
    }

    private static int condStart(List<String> words) {
        for (int i = 1; i < words.size(); i++) {
            if (words.get(i).equals("if") || words.get(i).equals("unless")) {
                return i;
            }
        }
        return words.size();
    }

    private static String need(List<String> args, int i, String action) {
        if (args.size() <= i) {
            throw new RuleSyntaxException("'" + action + "' expects " + (i + 1) + " argument(s)");
        }
        return args.get(i);
    }

    private static LogFormat fmt(List<String> args, int i, String action) {
        return LogFormat.parse(need(args, i, action));
    }

    private static int denyStatus(List<String> args, boolean response) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("deny_status") || args.get(i).equals("status")) {
                return Integer.parseInt(args.get(i + 1));
            }
        }
        return response ? 502 : 403;
    }

    private static HttpRule returnRule(List<String> args, Condition c) {
        int status = 200;
        String type = null;
        LogFormat body = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "status" -> status = Integer.parseInt(need(args, ++i, "return"));
                case "content-type" -> type = need(args, ++i, "return");
                case "string" -> body = LogFormat.literal(need(args, ++i, "return"));
                case "lf-string" -> body = LogFormat.parse(need(args, ++i, "return"));
                default -> throw new RuleSyntaxException("'return' unknown argument '" + a + "'");
            }
        }
        return new HttpRule.Return(status, type, body, c);
    }

    private static HttpRule redirect(List<String> args, Condition c) {
        if (args.size() < 2) {
            throw new RuleSyntaxException("'redirect' expects 'location', 'prefix' or 'scheme' and a value");
        }
        HttpRule.Redirect.Kind kind = switch (args.get(0)) {
            case "location" -> HttpRule.Redirect.Kind.LOCATION;
            case "prefix" -> HttpRule.Redirect.Kind.PREFIX;
            case "scheme" -> HttpRule.Redirect.Kind.SCHEME;
            default -> throw new RuleSyntaxException("'redirect' expects 'location', 'prefix' or 'scheme', got '"
                    + args.get(0) + "'");
        };
        int code = 302;
        for (int i = 2; i + 1 < args.size(); i++) {
            if (args.get(i).equals("code")) {
                code = Integer.parseInt(args.get(i + 1));
            }
        }
        return new HttpRule.Redirect(kind, LogFormat.parse(args.get(1)), code, c);
    }
}
