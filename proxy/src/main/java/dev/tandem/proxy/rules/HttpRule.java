package dev.tandem.proxy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One http-request or http-response action with its condition (configuration.txt §4.4). */
public sealed interface HttpRule {

    Condition condition();

    /** Runs the action when the condition holds. */
    Outcome apply(TransactionView tx, MessageEditor msg);

    /** Runs the rules in order until one answers. */
    static Outcome run(List<HttpRule> rules, TransactionView tx, MessageEditor msg) {
        for (HttpRule r : rules) {
            if (r.condition().test(tx)) {
                Outcome o = r.apply(tx, msg);
                if (!(o instanceof Outcome.Continue)) {
                    return o;
                }
            }
        }
        return Outcome.CONTINUE;
    }

    record AddHeader(String name, LogFormat value, Condition condition) implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            msg.addHeader(name, value.render(tx));
            return Outcome.CONTINUE;
        }
    }

    /** The value is computed before the old occurrences are removed, so it may reference them. */
    record SetHeader(String name, LogFormat value, Condition condition) implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            String v = value.render(tx);
            msg.removeHeader(name);
            msg.addHeader(name, v);
            return Outcome.CONTINUE;
        }
    }

    record DelHeader(String name, Condition condition) implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            msg.removeHeader(name);
            return Outcome.CONTINUE;
        }
    }

    /** replace-header works on the full line; replace-value on each comma-separated value. */
    record ReplaceHeader(String name, Pattern regex, LogFormat replacement, boolean perValue, Condition condition)
            implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            String repl = backrefs(replacement.render(tx));
            List<Map.Entry<String, String>> out = new ArrayList<>();
            for (Map.Entry<String, String> h : msg.headers()) {
                if (!h.getKey().equalsIgnoreCase(name)) {
                    out.add(h);
                    continue;
                }
                if (perValue) {
                    List<String> parts = new ArrayList<>();
                    for (String v : h.getValue().split(",")) {
                        parts.add(replaceWhole(regex, v.strip(), repl));
                    }
                    out.add(Map.entry(h.getKey(), String.join(", ", parts)));
                } else {
                    out.add(Map.entry(h.getKey(), replaceWhole(regex, h.getValue(), repl)));
                }
            }
            msg.replaceHeaders(out);
            return Outcome.CONTINUE;
        }
    }

    /** replace-path / replace-uri: the regex must match the whole path (or URI). */
    record ReplacePath(Pattern regex, LogFormat replacement, boolean wholeUri, Condition condition)
            implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            String uri = msg.uri();
            String repl = backrefs(replacement.render(tx));
            if (wholeUri) {
                msg.setUri(replaceWhole(regex, uri, repl));
            } else {
                int q = uri.indexOf('?');
                String path = q < 0 ? uri : uri.substring(0, q);
                String rest = q < 0 ? "" : uri.substring(q);
                msg.setUri(replaceWhole(regex, path, repl) + rest);
            }
            return Outcome.CONTINUE;
        }
    }

    record SetPath(LogFormat value, Condition condition) implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            String uri = msg.uri();
            int q = uri.indexOf('?');
            msg.setUri(value.render(tx) + (q < 0 ? "" : uri.substring(q)));
            return Outcome.CONTINUE;
        }
    }

    record SetUri(LogFormat value, Condition condition) implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            msg.setUri(value.render(tx));
            return Outcome.CONTINUE;
        }
    }

    record SetMethod(LogFormat value, Condition condition) implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            msg.setMethod(value.render(tx));
            return Outcome.CONTINUE;
        }
    }

    record SetVar(String name, SampleExpr value, Condition condition) implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            String v = value.evaluate(tx);
            if (v != null) {
                msg.vars().put(name, v);
            }
            return Outcome.CONTINUE;
        }
    }

    record Deny(int status, Condition condition) implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            return new Outcome.Deny(status);
        }
    }

    record Return(int status, String contentType, LogFormat body, Condition condition) implements HttpRule {
        public Outcome apply(TransactionView tx, MessageEditor msg) {
            return new Outcome.Return(status, contentType, body == null ? null : body.render(tx));
        }
    }

    /** "redirect location|prefix|scheme" (configuration.txt "redirect"); code defaults to 302. */
    record Redirect(Kind kind, LogFormat target, int code, Condition condition) implements HttpRule {
        public enum Kind { LOCATION, PREFIX, SCHEME }

        public Outcome apply(TransactionView tx, MessageEditor msg) {
            String t = target.render(tx);
            String location = switch (kind) {
                case LOCATION -> t;
                case PREFIX -> (t.equals("/") ? "" : t) + msg.uri();
                case SCHEME -> {
                    String host = null;
                    for (Map.Entry<String, String> h : msg.headers()) {
                        if (h.getKey().equalsIgnoreCase("host")) {
                            host = h.getValue().strip();
                        }
                    }
                    yield t + "://" + (host == null ? "" : host) + msg.uri();
                }
            };
            return new Outcome.Redirect(code, location);
        }
    }

    private static String replaceWhole(Pattern regex, String value, String repl) {
        Matcher m = regex.matcher(value);
        return m.matches() ? m.replaceFirst(repl) : value;
    }

    /** haproxy writes back-references as \1; Java wants $1. */
    private static String backrefs(String s) {
        return s.replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1");
    }
}
