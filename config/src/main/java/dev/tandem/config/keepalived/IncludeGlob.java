package dev.tandem.config.keepalived;

/** What keepalived's {@code include} treats as a glob(3) pattern. */
final class IncludeGlob {

    private IncludeGlob() {}

    static boolean hasWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }
}
