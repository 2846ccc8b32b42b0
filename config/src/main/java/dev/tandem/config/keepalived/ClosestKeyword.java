package dev.tandem.config.keepalived;

import java.util.Collection;
import java.util.Optional;

/** Finds the known keyword nearest to a misspelt one (Levenshtein distance, ties by order). */
final class ClosestKeyword {

    private ClosestKeyword() {}

    /** Beyond this many candidates a suggestion costs more than it helps (generated configs). */
    static final int MAX_CANDIDATES = 2000;

    static Optional<String> to(String unknown, Collection<String> known) {
        if (known.size() > MAX_CANDIDATES) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String probe = unknown.length() > 64 ? unknown.substring(0, 64) : unknown;
        for (String candidate : known) {
            int distance = distance(probe, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
