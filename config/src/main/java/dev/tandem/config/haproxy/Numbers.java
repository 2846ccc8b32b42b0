package dev.tandem.config.haproxy;

/** Bounded integer and size arguments (configuration.txt §2.6 size format: k, m, g suffixes). */
final class Numbers {

    private Numbers() {}

    /** The value if {@code text} is a decimal integer within [min, max], else null with the reason. */
    static Integer integer(String text, long min, long max, String what, String[] why) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
            why[0] = digits ? what + " '" + text + "' is out of range; it must be between " + min + " and " + max
                    : "invalid " + what + " '" + text + "': expected an integer";
            return null;
        }
        long v = Long.parseLong(text);
        if (v < min || v > max) {
            why[0] = what + " '" + text + "' is out of range; it must be between " + min + " and " + max;
            return null;
        }
        return (int) v;
    }

    static Integer size(String text, long min, long max, String what, String[] why) {
        long mult = 1;
        String digits = text;
        if (!text.isEmpty()) {
            char last = Character.toLowerCase(text.charAt(text.length() - 1));
            mult = switch (last) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                case 'g' -> 1024L * 1024 * 1024;
                default -> 1;
            };
            if (mult > 1) {
                digits = text.substring(0, text.length() - 1);
            }
        }
        Integer base = integer(digits, 0, Integer.MAX_VALUE, what, why);
        if (base == null) {
            why[0] = why[0].replace("'" + digits + "'", "'" + text + "'");
            return null;
        }
        long v = base * mult;
        if (v < min || v > max) {
            why[0] = what + " '" + text + "' is out of range; it must be between " + min + " and " + max;
            return null;
        }
        return (int) v;
    }
}
