package dev.tandem.proxy.check;

import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.HealthCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Judges an HTTP check response (configuration.txt "http-check expect"): {@code status} (codes
 * and ranges, e.g. {@code 200,301-302}), {@code rstatus} (regex on the code), {@code string}
 * (the body contains it), {@code rstring} (regex on the body), each negated with {@code !}.
 * Without any expect rule a 2xx or 3xx status passes. Failures read as haproxy's: a status
 * mismatch is L7STS with the reason phrase as info, a body mismatch L7RSP.
 */
public final class HttpCheckExpect {

    private sealed interface Matcher {
        record Status(int[][] ranges) implements Matcher {}

        record StatusRegex(Pattern regex) implements Matcher {}

        record Body(byte[] needle) implements Matcher {}

        record BodyRegex(Pattern regex) implements Matcher {}
    }

    private record Rule(boolean negated, Matcher matcher) {}

    private static final Rule IMPLICIT = new Rule(false, new Matcher.Status(new int[][] {{200, 399}}));

    private final List<Rule> rules;
    private final boolean disableOn404;

    private HttpCheckExpect(List<Rule> rules, boolean disableOn404) {
        this.rules = List.copyOf(rules);
        this.disableOn404 = disableOn404;
    }

    /**
     * @param disableOn404 {@code http-check disable-on-404}: a 404 from a server that is up passes
     *     conditionally (L7OKC), which drains it
     * @throws IllegalArgumentException for an expect form this evaluator does not know
     */
    public static HttpCheckExpect of(HealthCheck check, boolean disableOn404) {
        List<Rule> rules = new ArrayList<>();
        for (CheckRule r : check.rules()) {
            if (r instanceof CheckRule.Expect e) {
                rules.add(new Rule(e.negated(), matcher(e)));
            } else if (r instanceof CheckRule.ExpectHeader h) {
                throw new IllegalArgumentException(h.origin() + ": 'http-check expect " + (h.fullValue() ? "fhdr" : "hdr")
                        + "' is not supported by Tandem yet; use status, rstatus, string or rstring");
            }
        }
        return new HttpCheckExpect(rules.isEmpty() ? List.of(IMPLICIT) : rules, disableOn404);
    }

    private static Matcher matcher(CheckRule.Expect e) {
        return switch (e.matcher()) {
            case "status" -> new Matcher.Status(ranges(e.pattern(), e));
            case "rstatus" -> new Matcher.StatusRegex(Pattern.compile(e.pattern()));
            case "string" -> new Matcher.Body(e.pattern().getBytes(StandardCharsets.ISO_8859_1));
            case "rstring" -> new Matcher.BodyRegex(Pattern.compile(e.pattern(), Pattern.DOTALL));
            default -> throw new IllegalArgumentException(e.origin() + ": 'http-check expect " + e.matcher()
                    + "' is not supported; use status, rstatus, string or rstring");
        };
    }

    private static int[][] ranges(String pattern, CheckRule.Expect e) {
        List<int[]> out = new ArrayList<>();
        for (String part : pattern.split(",")) {
            String[] bounds = part.strip().split("-", 2);
            try {
                int lo = Integer.parseInt(bounds[0].strip());
                int hi = bounds.length == 2 ? Integer.parseInt(bounds[1].strip()) : lo;
                out.add(new int[] {lo, hi});
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(e.origin() + ": 'http-check expect status " + pattern
                        + "': write status codes or ranges such as 200 or 200-399", ex);
            }
        }
        return out.toArray(int[][]::new);
    }

    /**
     * @param serverUp whether the server is currently up (disable-on-404 only applies then)
     */
    public CheckResult evaluate(HttpCheckResponse response, boolean serverUp, long durationMillis) {
        int code = response.status();
        if (disableOn404 && serverUp && code == 404) {
            return new CheckResult(CheckStatus.L7OKC, code, "", durationMillis);
        }
        byte[] body = response.body();
        for (Rule rule : rules) {
            boolean match;
            switch (rule.matcher) {
                case Matcher.Status s -> match = inRanges(code, s.ranges);
                case Matcher.StatusRegex s -> match = s.regex.matcher(Integer.toString(code)).find();
                case Matcher.Body b -> {
                    if (body.length == 0) {
                        return new CheckResult(CheckStatus.L7RSP, code,
                                "HTTP content check could not find a response body", durationMillis);
                    }
                    match = HttpCheckResponse.indexOf(body, b.needle) >= 0;
                }
                case Matcher.BodyRegex b -> {
                    if (body.length == 0) {
                        return new CheckResult(CheckStatus.L7RSP, code,
                                "HTTP content check could not find a response body", durationMillis);
                    }
                    match = b.regex.matcher(new String(body, StandardCharsets.ISO_8859_1)).find();
                }
            }
            if (match == rule.negated) {
                boolean onStatus = rule.matcher instanceof Matcher.Status || rule.matcher instanceof Matcher.StatusRegex;
                if (onStatus) {
                    return new CheckResult(CheckStatus.L7STS, code, response.reason(), durationMillis);
                }
                return new CheckResult(CheckStatus.L7RSP, code, rule.negated ? "HTTP check matched unwanted content"
                        : "HTTP content check did not match", durationMillis);
            }
        }
        return new CheckResult(CheckStatus.L7OK, code, "", durationMillis);
    }

    /** A response that could not be parsed. */
    public static CheckResult invalid(String why, long durationMillis) {
        return new CheckResult(CheckStatus.L7RSP, 0, why, durationMillis);
    }

    private static boolean inRanges(int code, int[][] ranges) {
        for (int[] r : ranges) {
            if (code >= r[0] && code <= r[1]) {
                return true;
            }
        }
        return false;
    }
}
