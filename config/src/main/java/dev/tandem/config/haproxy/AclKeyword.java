package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.AclTest;
import dev.tandem.config.haproxy.model.Condition;
import dev.tandem.config.haproxy.model.MatchMethod;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.SampleExpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code acl <name> <criterion> [flags] [patterns]} and {@code if|unless} conditions
 * (configuration.txt §7.1, §7.2).
 */
final class AclKeyword {

    /** ACLs haproxy predefines (configuration.txt §7.4); usable without an acl line. */
    static final Set<String> PREDEFINED = Set.of("FALSE", "HTTP", "HTTP_1.0", "HTTP_1.1", "HTTP_2.0", "HTTP_3.0",
            "HTTP_CONTENT", "HTTP_URL_ABS", "HTTP_URL_SLASH", "HTTP_URL_STAR", "LOCALHOST", "METH_CONNECT",
            "METH_DELETE", "METH_GET", "METH_HEAD", "METH_OPTIONS", "METH_POST", "METH_PUT", "METH_TRACE",
            "RDP_COOKIE", "REQ_CONTENT", "TRUE", "WAIT_END");

    private static final List<String> SUFFIXES = List.of("_beg", "_end", "_sub", "_reg", "_dir", "_dom", "_len", "_str",
            "_found", "_bin");

    private static final Set<String> IP_FETCHES = Set.of("src", "dst", "hdr_ip", "req.hdr_ip", "res.hdr_ip", "shdr_ip",
            "bc_src", "bc_dst", "fc_src", "fc_dst", "url_ip");

    private static final Set<String> BOOL_FETCHES = Set.of("ssl_fc", "ssl_c_used", "ssl_fc_has_crt", "ssl_fc_has_sni",
            "ssl_bc", "always_true", "always_false", "http_first_req", "stopping", "src_is_local", "dst_is_local",
            "srv_is_up", "fc_rcvd_proxy", "ssl_fc_is_resumed", "ssl_fc_has_early", "req.proto_http", "req_proto_http",
            "wait_end", "sc_tracked");

    private AclKeyword() {}

    static void acl(Line line, ProxyDraft p, Report report) {
        if (line.size() < 3) {
            report.error(line, 0, "'acl' expects <name> <criterion> [flags] [patterns]",
                    "e.g. acl is_api path_beg /api");
            return;
        }
        String name = line.text(1);
        if (!validName(name)) {
            report.error(line, 1, "invalid acl name '" + name + "'", "use letters, digits, '-', '_', '.' and ':'");
            return;
        }
        AclTest test = test(line, 2, line.size(), report);
        if (test != null) {
            p.acls.computeIfAbsent(name, k -> new ArrayList<>()).add(test);
        }
    }

    private static boolean validName(String n) {
        return !n.isEmpty() && n.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':');
    }

    /** One test from words [from, to): criterion, flags, patterns. Null after reporting. */
    static AclTest test(Line line, int from, int to, Report report) {
        String criterion = line.text(from);
        int paren = criterion.indexOf('(');
        int comma = criterion.indexOf(',');
        int cut = paren < 0 ? (comma < 0 ? criterion.length() : comma) : (comma < 0 ? paren : Math.min(paren, comma));
        String head = criterion.substring(0, cut);
        String rest = criterion.substring(cut);
        MatchMethod method = null;
        String fetchName = head;
        if (!Vocabulary.isFetch(head)) {
            for (String suffix : SUFFIXES) {
                if (head.endsWith(suffix) && Vocabulary.isFetch(head.substring(0, head.length() - suffix.length()))) {
                    fetchName = head.substring(0, head.length() - suffix.length());
                    method = MatchMethod.valueOf(suffix.substring(1).toUpperCase(Locale.ROOT));
                    break;
                }
            }
        }
        SampleExpr sample;
        try {
            sample = SampleExprParser.parse(fetchName + rest);
        } catch (SampleExprParser.Invalid e) {
            String msg = e.getMessage();
            if (msg.startsWith("unknown fetch method")) {
                List<String> known = new ArrayList<>(Vocabulary.FETCHES);
                for (String f : List.of("path", "hdr", "url", "base", "cook", "urlp", "req.hdr", "res.hdr")) {
                    for (String s : SUFFIXES) {
                        known.add(f + s);
                    }
                }
                msg = "unknown fetch method '" + head + "' in ACL expression '" + criterion + "'"
                        + Suggestions.didYouMean(head, known);
            }
            report.error(line, from, msg, e.hint);
            return null;
        }
        boolean ignoreCase = false;
        List<String> files = new ArrayList<>();
        int i = from + 1;
        while (i < to && line.text(i).startsWith("-") && !line.words().get(i).quoted()) {
            String f = line.text(i);
            if (f.equals("--")) {
                i++;
                break;
            }
            switch (f) {
                case "-i" -> ignoreCase = true;
                case "-n", "-N" -> {
                }
                case "-f", "-M", "-u" -> {
                    if (i + 1 >= to) {
                        report.error(line, i, "ACL flag '" + f + "' expects an argument");
                        return null;
                    }
                    if (f.equals("-f")) {
                        files.add(line.text(i + 1));
                    }
                    i++;
                }
                case "-m" -> {
                    if (i + 1 >= to) {
                        report.error(line, i, "ACL flag '-m' expects a match method");
                        return null;
                    }
                    String m = line.text(i + 1);
                    List<String> methods = Arrays.stream(MatchMethod.values()).map(MatchMethod::keyword).toList();
                    if (!methods.contains(m) || m.equals("bool")) {
                        report.error(line, i + 1, "unknown match method '" + m + "'" + Suggestions.didYouMean(m, methods),
                                "use str, beg, end, sub, reg, dir, dom, len, int, ip, bin or found");
                        return null;
                    }
                    if (method != null && method != MatchMethod.valueOf(m.toUpperCase(Locale.ROOT))) {
                        report.error(line, i + 1, "'-m " + m + "' conflicts with the match method of '" + head + "'");
                        return null;
                    }
                    method = MatchMethod.valueOf(m.toUpperCase(Locale.ROOT));
                    i++;
                }
                default -> {
                    // a negative number is a pattern, not a flag
                    if (f.length() > 1 && Character.isDigit(f.charAt(1))) {
                        break;
                    }
                    report.error(line, i, "unknown ACL flag '" + f + "'", "known flags are -i, -f <file>, -m <method>, -n, -M, -u and --");
                    return null;
                }
            }
            if (f.length() > 1 && Character.isDigit(f.charAt(1))) {
                break;
            }
            i++;
        }
        List<String> patterns = new ArrayList<>();
        for (; i < to; i++) {
            patterns.add(line.text(i));
        }
        if (method == null) {
            method = defaultMethod(sample, patterns.isEmpty() && files.isEmpty());
        }
        if (method == MatchMethod.REG) {
            for (String pat : patterns) {
                try {
                    java.util.regex.Pattern.compile(pat);
                } catch (java.util.regex.PatternSyntaxException e) {
                    report.error(line, from, "invalid regex '" + pat + "': " + e.getDescription());
                    return null;
                }
            }
        }
        return new AclTest(sample, method, ignoreCase, patterns, files, new Origin(line.file(), line.number()));
    }

    private static MatchMethod defaultMethod(SampleExpr sample, boolean noPattern) {
        String f = Vocabulary.trackCounterName(sample.fetch().name());
        if (sample.converters().isEmpty()) {
            if (IP_FETCHES.contains(f)) {
                return MatchMethod.IP;
            }
            if (BOOL_FETCHES.contains(f)) {
                return noPattern ? MatchMethod.BOOL : MatchMethod.INT;
            }
            if (f.endsWith("_port") || f.endsWith("_cnt") || f.endsWith("_rate") || f.endsWith("_cur") || f.equals("status")
                    || f.endsWith("conn") || f.equals("nbsrv") || f.equals("connslots") || f.endsWith("_len")
                    || f.equals("queue") || f.endsWith("_val") || f.equals("txn.status")
                    || f.equals("ssl_c_verify")) {
                return MatchMethod.INT;
            }
        }
        return noPattern ? MatchMethod.FOUND : MatchMethod.STR;
    }

    /**
     * {@code if|unless <terms>} starting at {@code from}, to the end of the line. Named ACLs are
     * recorded for the end-of-proxy check. Null after reporting.
     */
    static Condition condition(Line line, int from, ProxyDraft p, Report report) {
        String kw = line.text(from);
        boolean unless = kw.equals("unless");
        if (!kw.equals("if") && !unless) {
            report.error(line, from, "expected 'if' or 'unless' but found '" + kw + "'");
            return null;
        }
        if (!line.has(from + 1)) {
            report.error(line, from, "'" + kw + "' expects a condition", "e.g. " + kw + " { path_beg /api } or " + kw + " is_api");
            return null;
        }
        List<List<Condition.AclTerm>> anyOf = new ArrayList<>();
        List<Condition.AclTerm> all = new ArrayList<>();
        int i = from + 1;
        while (i < line.size()) {
            Word w = line.words().get(i);
            String t = w.text();
            if (w.is("||") || w.is("or")) {
                if (all.isEmpty()) {
                    report.error(line, i, "'" + t + "' without a term before it");
                    return null;
                }
                anyOf.add(all);
                all = new ArrayList<>();
                i++;
                continue;
            }
            boolean negated = false;
            if (w.is("!")) {
                negated = true;
                i++;
                if (i >= line.size()) {
                    report.error(line, i - 1, "'!' must be followed by an ACL");
                    return null;
                }
                w = line.words().get(i);
                t = w.text();
            } else if (t.startsWith("!") && !w.quoted()) {
                negated = true;
                t = t.substring(1);
            }
            if (w.is("{") || t.equals("{")) {
                int close = i + 1;
                while (close < line.size() && !line.words().get(close).is("}")) {
                    close++;
                }
                if (close >= line.size()) {
                    report.error(line, i, "missing '}' to close the anonymous ACL", "write { <criterion> <patterns> } with spaces around the braces");
                    return null;
                }
                if (close == i + 1) {
                    report.error(line, i, "empty anonymous ACL '{ }'");
                    return null;
                }
                AclTest test = test(line, i + 1, close, report);
                if (test == null) {
                    return null;
                }
                all.add(new Condition.AclTerm(negated, "", List.of(test)));
                i = close + 1;
                continue;
            }
            if (t.equals("}")) {
                report.error(line, i, "'}' without a matching '{'");
                return null;
            }
            p.aclReferences.add(new ProxyDraft.Reference(t, line, i));
            all.add(new Condition.AclTerm(negated, t, List.of()));
            i++;
        }
        if (all.isEmpty()) {
            report.error(line, line.size() - 1, "condition ends with '||'");
            return null;
        }
        anyOf.add(all);
        return new Condition(unless, anyOf);
    }
}
