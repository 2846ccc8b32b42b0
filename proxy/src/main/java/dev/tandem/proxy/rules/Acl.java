package dev.tandem.proxy.rules;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One ACL: a sample, a match method and patterns (configuration.txt §7.1). Derived keywords such
 * as {@code path_beg} or {@code hdr_dom(host)} are rewritten to their fetch plus {@code -m} method.
 */
public record Acl(String name, SampleExpr sample, Match match, boolean ignoreCase, List<String> patterns) {

    /** The "-m" methods of configuration.txt §7.1.3. */
    public enum Match { STR, BEG, END, SUB, REG, DOM, DIR, LEN, FOUND, IP, INT, BOOL }

    public Acl {
        patterns = List.copyOf(patterns);
    }

    /**
     * Parses the words after "acl name" (or inside {@code { }}): criterion, flags, patterns.
     * {@code base} resolves relative {@code -f} files.
     */
    public static Acl parse(String name, List<String> words, Path base) {
        if (words.isEmpty()) {
            throw new RuleSyntaxException("missing ACL criterion");
        }
        String criterion = words.getFirst();
        Match match = null;
        String fetchText = criterion;
        int paren = criterion.indexOf('(');
        String head = paren < 0 ? criterion : criterion.substring(0, paren);
        String argsPart = paren < 0 ? "" : criterion.substring(paren);
        int us = head.lastIndexOf('_');
        if (us > 0) {
            Match derived = switch (head.substring(us + 1)) {
                case "beg" -> Match.BEG;
                case "end" -> Match.END;
                case "sub" -> Match.SUB;
                case "reg" -> Match.REG;
                case "dom" -> Match.DOM;
                case "dir" -> Match.DIR;
                case "len" -> Match.LEN;
                case "cnt" -> null;
                case "found" -> Match.FOUND;
                default -> null;
            };
            if (derived != null && Fetches.known(head.substring(0, us))) {
                match = derived;
                fetchText = head.substring(0, us) + argsPart;
            }
        }
        SampleExpr sample = SampleExpr.parse(fetchText);
        Fetches.check(sample.fetch(), "ACL expression '" + criterion + "'");
        boolean ignoreCase = false;
        List<String> patterns = new ArrayList<>();
        int i = 1;
        for (; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("-i")) {
                ignoreCase = true;
            } else if (w.equals("-m") && i + 1 < words.size()) {
                match = method(words.get(++i));
            } else if (w.equals("-f") && i + 1 < words.size()) {
                patterns.addAll(readPatternFile(base, words.get(++i)));
            } else if (w.equals("--")) {
                i++;
                break;
            } else if (w.equals("-n") || w.equals("-u")) {
                // no effect on evaluation here
            } else if (w.startsWith("-") && w.length() > 1 && !Character.isDigit(w.charAt(1))) {
                throw new RuleSyntaxException("unknown ACL flag '" + w + "'");
            } else {
                break;
            }
        }
        patterns.addAll(words.subList(i, words.size()));
        if (match == null) {
            match = defaultMatch(sample.fetch().name());
        }
        if (match == Match.INT && patterns.size() == 2 && patterns.getFirst().matches("eq|ge|gt|le|lt")) {
            patterns = new ArrayList<>(List.of(patterns.get(0) + " " + patterns.get(1)));
        }
        if (match == Match.REG) {
            for (String p : patterns) {
                Pattern.compile(p);
            }
        }
        return new Acl(name, sample, match, ignoreCase, patterns);
    }

    private static Match method(String m) {
        return switch (m) {
            case "str" -> Match.STR;
            case "beg" -> Match.BEG;
            case "end" -> Match.END;
            case "sub" -> Match.SUB;
            case "reg" -> Match.REG;
            case "dom" -> Match.DOM;
            case "dir" -> Match.DIR;
            case "len" -> Match.LEN;
            case "found" -> Match.FOUND;
            case "ip" -> Match.IP;
            case "int" -> Match.INT;
            case "bool" -> Match.BOOL;
            default -> throw new RuleSyntaxException("unknown ACL match method '-m " + m + "'");
        };
    }

    private static Match defaultMatch(String fetch) {
        return switch (fetch) {
            case "src", "dst", "hdr_ip", "req.hdr_ip" -> Match.IP;
            case "src_port", "dst_port", "status", "hdr_cnt", "req.hdr_cnt", "nbsrv", "int", "ssl_c_verify" ->
                    Match.INT;
            case "ssl_fc", "ssl_c_used", "ssl_fc_has_sni", "ssl_fc_has_crt", "always_true", "always_false", "bool" ->
                    Match.BOOL;
            default -> Match.STR;
        };
    }

    private static List<String> readPatternFile(Path base, String file) {
        Path p = base == null ? Path.of(file) : base.resolve(file);
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(p)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
            return out;
        } catch (IOException e) {
            throw new RuleSyntaxException("failed to open pattern file <" + p + ">: " + e.getMessage());
        }
    }

    public boolean matches(TransactionView tx) {
        String v = sample.evaluate(tx);
        if (match == Match.FOUND) {
            return v != null;
        }
        if (v == null) {
            return false;
        }
        if (match == Match.BOOL) {
            return !v.isEmpty() && !v.equals("0");
        }
        if (match == Match.LEN) {
            return patterns.stream().anyMatch(p -> intMatch(v.length(), p));
        }
        String value = ignoreCase ? v.toLowerCase(Locale.ROOT) : v;
        for (String pattern : patterns) {
            String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
            boolean hit = switch (match) {
                case STR -> value.equals(p);
                case BEG -> value.startsWith(p);
                case END -> value.endsWith(p);
                case SUB -> value.contains(p);
                case REG -> Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(v).find();
                case DOM -> delimited(value, p, "/?.:");
                case DIR -> delimited(value, p, "/?");
                case INT -> {
                    try {
                        yield intMatch(Long.parseLong(v.strip()), pattern);
                    } catch (NumberFormatException e) {
                        yield false;
                    }
                }
                case IP -> ipMatch(v, pattern);
                default -> false;
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /** -m dom / -m dir: the pattern must appear bounded by delimiters (configuration.txt §7.1.3). */
    private static boolean delimited(String value, String p, String delims) {
        int from = 0;
        while (true) {
            int at = value.indexOf(p, from);
            if (at < 0) {
                return false;
            }
            boolean left = at == 0 || delims.indexOf(value.charAt(at - 1)) >= 0;
            int end = at + p.length();
            boolean right = end == value.length() || delims.indexOf(value.charAt(end)) >= 0;
            if (left && right) {
                return true;
            }
            from = at + 1;
        }
    }

    /** Integer patterns: "n", "a:b", "a:", ":b", or "eq|ge|gt|le|lt n" joined with one space. */
    static boolean intMatch(long v, String pattern) {
        String p = pattern.strip();
        int sp = p.indexOf(' ');
        if (sp > 0) {
            long n = Long.parseLong(p.substring(sp + 1).strip());
            return switch (p.substring(0, sp)) {
                case "eq" -> v == n;
                case "ge" -> v >= n;
                case "gt" -> v > n;
                case "le" -> v <= n;
                default -> v < n;
            };
        }
        if (p.contains(":")) {
            String[] r = p.split(":", -1);
            boolean lo = r[0].isEmpty() || v >= Long.parseLong(r[0]);
            boolean hi = r[1].isEmpty() || v <= Long.parseLong(r[1]);
            return lo && hi;
        }
        return v == Long.parseLong(p);
    }

    /** True when the IP literal {@code value} is in the network {@code pattern} (addr or addr/prefix). */
    public static boolean ipMatch(String value, String pattern) {
        if (!isIpLiteral(value.strip()) || !isIpLiteral(pattern)) {
            return false;
        }
        try {
            int slash = pattern.indexOf('/');
            InetAddress net = InetAddress.getByName(slash < 0 ? pattern : pattern.substring(0, slash));
            InetAddress addr = InetAddress.getByName(value.strip());
            byte[] a = addr.getAddress();
            byte[] n = net.getAddress();
            if (a.length != n.length) {
                a = mapped(a, n.length);
                if (a == null) {
                    return false;
                }
            }
            int bits = slash < 0 ? n.length * 8 : prefix(pattern.substring(slash + 1));
            if (n.length == 4 && pattern.indexOf(':') >= 0) {
                // ::ffff:a.b.c.d/p is an IPv4 network of prefix p - 96 (Java folds mapped addresses to IPv4)
                bits = Math.max(0, bits - 96);
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(n.length * 8).subtract(BigInteger.ONE)
                    .shiftRight(bits).not();
            return new BigInteger(1, a).and(mask).equals(new BigInteger(1, n).and(mask));
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    private static int prefix(String s) throws UnknownHostException {
        if (s.contains(".")) {
            return new BigInteger(1, InetAddress.getByName(s).getAddress()).bitCount();
        }
        return Integer.parseInt(s);
    }

    /** An IPv4 value against an IPv6 net (or back) compares through ::ffff:a.b.c.d. */
    private static byte[] mapped(byte[] a, int len) {
        if (a.length == 4 && len == 16) {
            byte[] m = new byte[16];
            m[10] = (byte) 0xff;
            m[11] = (byte) 0xff;
            System.arraycopy(a, 0, m, 12, 4);
            return m;
        }
        if (a.length == 16 && len == 4) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return null;
                }
            }
            if (a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
                return null;
            }
            return java.util.Arrays.copyOfRange(a, 12, 16);
        }
        return null;
    }

    /** True when the text is a literal IP address (no name resolution is ever attempted). */
    public static boolean isIpLiteral(String s) {
        return s.matches("[0-9.]+(/[0-9.]+)?") || s.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(/\\d+)?");
    }
}
