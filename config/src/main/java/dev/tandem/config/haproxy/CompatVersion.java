package dev.tandem.config.haproxy;

/**
 * The haproxy version Tandem behaves like, for {@code version_atleast()}/{@code version_before()}
 * (configuration.txt §2.4). Versions compare numerically per dotted part; a "-devN" suffix sorts
 * before the release it leads to, as haproxy's compare_current_version() does.
 */
record CompatVersion(int major, int minor, int patch, int dev) {

    /** dev = Integer.MAX_VALUE for a release, so 2.6-dev3 < 2.6.0. */
    static final CompatVersion TANDEM = new CompatVersion(2, 6, 0, Integer.MAX_VALUE);

    /** The parsed version, or null when the text is not a version. */
    static CompatVersion parse(String text) {
        String s = text.trim();
        int dev = Integer.MAX_VALUE;
        int dash = s.indexOf('-');
        if (dash >= 0) {
            String suffix = s.substring(dash + 1);
            s = s.substring(0, dash);
            if (suffix.startsWith("dev")) {
                Integer d = number(suffix.substring(3).isEmpty() ? "0" : suffix.substring(3));
                if (d == null) {
                    return null;
                }
                dev = d;
            } else if (!suffix.isEmpty() && !Character.isLetter(suffix.charAt(0))) {
                return null;
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length == 0 || parts.length > 3) {
            return null;
        }
        int[] v = new int[3];
        for (int i = 0; i < parts.length; i++) {
            Integer p = number(parts[i]);
            if (p == null) {
                return null;
            }
            v[i] = p;
        }
        return new CompatVersion(v[0], v[1], v[2], dev);
    }

    int compareTo(CompatVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c == 0) {
            c = Integer.compare(dev, o.dev);
        }
        return c;
    }

    private static Integer number(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        return Integer.parseInt(s);
    }
}
