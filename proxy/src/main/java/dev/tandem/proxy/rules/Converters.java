package dev.tandem.proxy.rules;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/** The converters of configuration.txt §7.3.1 that Tandem implements. Values travel as strings. */
public final class Converters {

    private Converters() {
    }

    public static boolean known(String name) {
        return switch (name) {
            case "lower", "upper", "base64", "b64dec", "hex", "url_dec", "ipmask", "field", "word", "regsub",
                 "bytes", "add", "sub", "mul", "div", "mod", "neg", "bool", "not", "length", "json", "crc32",
                 "djb2", "sdbm", "concat", "strcmp", "iif", "ltrim", "rtrim" -> true;
            default -> false;
        };
    }

    public static String apply(SampleExpr.Call conv, String v, TransactionView tx) {
        List<String> a = conv.args();
        return switch (conv.name()) {
            case "lower" -> v.toLowerCase(Locale.ROOT);
            case "upper" -> v.toUpperCase(Locale.ROOT);
            case "base64" -> Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.ISO_8859_1));
            case "b64dec" -> new String(Base64.getDecoder().decode(v), StandardCharsets.ISO_8859_1);
            case "hex" -> HexFormat.of().withUpperCase().formatHex(v.getBytes(StandardCharsets.ISO_8859_1));
            case "url_dec" -> URLDecoder.decode(v, StandardCharsets.UTF_8);
            case "ipmask" -> ipmask(v, a);
            case "field" -> field(v, Integer.parseInt(a.get(0).strip()), a.get(1), a.size() > 2
                    ? Integer.parseInt(a.get(2).strip()) : 1);
            case "word" -> word(v, Integer.parseInt(a.get(0).strip()), a.get(1));
            case "regsub" -> regsub(v, a);
            case "bytes" -> bytes(v, a);
            case "add" -> Long.toString(num(v) + num(arg(a, tx)));
            case "sub" -> Long.toString(num(v) - num(arg(a, tx)));
            case "mul" -> Long.toString(num(v) * num(arg(a, tx)));
            case "div" -> {
                long d = num(arg(a, tx));
                yield d == 0 ? Long.toString(Long.MAX_VALUE) : Long.toString(num(v) / d);
            }
            case "mod" -> {
                long d = num(arg(a, tx));
                yield d == 0 ? "0" : Long.toString(num(v) % d);
            }
            case "neg" -> Long.toString(-num(v));
            case "bool" -> num(v) != 0 ? "1" : "0";
            case "not" -> num(v) == 0 ? "1" : "0";
            case "length" -> Integer.toString(v.length());
            case "json" -> json(v);
            case "crc32" -> {
                CRC32 crc = new CRC32();
                crc.update(v.getBytes(StandardCharsets.ISO_8859_1));
                yield Long.toString(crc.getValue());
            }
            case "djb2" -> {
                long h = 5381;
                for (byte b : v.getBytes(StandardCharsets.ISO_8859_1)) {
                    h = (h * 33 + (b & 0xff)) & 0xffffffffL;
                }
                yield Long.toString(h);
            }
            case "sdbm" -> {
                long h = 0;
                for (byte b : v.getBytes(StandardCharsets.ISO_8859_1)) {
                    h = ((b & 0xff) + (h << 6) + (h << 16) - h) & 0xffffffffL;
                }
                yield Long.toString(h);
            }
            case "concat" -> {
                StringBuilder b = new StringBuilder(v);
                if (!a.isEmpty()) {
                    b.append(a.get(0));
                }
                if (a.size() > 1 && !a.get(1).isBlank()) {
                    String var = tx.vars().get(a.get(1).strip());
                    b.append(var == null ? "" : var);
                }
                if (a.size() > 2) {
                    b.append(a.get(2));
                }
                yield b.toString();
            }
            case "strcmp" -> {
                String other = tx.vars().get(a.get(0).strip());
                yield other == null ? null : Integer.toString(Integer.signum(v.compareTo(other)));
            }
            case "iif" -> num(v) != 0 ? a.get(0) : a.get(1);
            case "ltrim" -> ltrim(v, a.get(0));
            case "rtrim" -> rtrim(v, a.get(0));
            default -> throw new RuleSyntaxException("unknown converter '" + conv.name() + "'");
        };
    }

    private static String arg(List<String> a, TransactionView tx) {
        String s = a.get(0).strip();
        if (s.startsWith("txn.") || s.startsWith("sess.") || s.startsWith("req.") || s.startsWith("res.")) {
            String v = tx.vars().get(s);
            return v == null ? "0" : v;
        }
        return s;
    }

    private static long num(String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String ipmask(String v, List<String> a) {
        try {
            byte[] b = InetAddress.getByName(v.strip()).getAddress();
            int bits = Integer.parseInt(b.length == 4 ? a.get(0).strip() : a.size() > 1 ? a.get(1).strip() : "128");
            for (int i = 0; i < b.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - i * 8));
                b[i] &= (byte) (0xff << (8 - keep));
            }
            return Fetches.compressIpv6(InetAddress.getByAddress(b).getHostAddress());
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }

    static String field(String v, int index, String delims, int count) {
        String[] parts = v.split("[" + Pattern.quote(delims) + "]", -1);
        int start = index > 0 ? index - 1 : parts.length + index - count + 1;
        if (start < 0 || start >= parts.length) {
            return "";
        }
        int end = count == 0 ? parts.length : Math.min(parts.length, start + count);
        return String.join(delims.substring(0, 1), java.util.Arrays.asList(parts).subList(start, end));
    }

    static String word(String v, int index, String delims) {
        List<String> words = java.util.Arrays.stream(v.split("[" + Pattern.quote(delims) + "]"))
                .filter(w -> !w.isEmpty()).toList();
        int i = index > 0 ? index - 1 : words.size() + index;
        return i >= 0 && i < words.size() ? words.get(i) : "";
    }

    private static String regsub(String v, List<String> a) {
        Pattern p = Pattern.compile(a.get(0), a.size() > 2 && a.get(2).contains("i") ? Pattern.CASE_INSENSITIVE : 0);
        String repl = a.size() > 1 ? a.get(1).replaceAll("\\\\(\\d)", "\\$$1") : "";
        boolean global = a.size() > 2 && a.get(2).contains("g");
        return global ? p.matcher(v).replaceAll(repl) : p.matcher(v).replaceFirst(repl);
    }

    private static String bytes(String v, List<String> a) {
        int off = Integer.parseInt(a.get(0).strip());
        if (off >= v.length()) {
            return "";
        }
        int len = a.size() > 1 ? Integer.parseInt(a.get(1).strip()) : v.length() - off;
        return v.substring(off, Math.min(v.length(), off + len));
    }

    private static String json(String v) {
        StringBuilder b = new StringBuilder();
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String ltrim(String v, String chars) {
        int i = 0;
        while (i < v.length() && chars.indexOf(v.charAt(i)) >= 0) {
            i++;
        }
        return v.substring(i);
    }

    private static String rtrim(String v, String chars) {
        int i = v.length();
        while (i > 0 && chars.indexOf(v.charAt(i - 1)) >= 0) {
            i--;
        }
        return v.substring(0, i);
    }
}
