package dev.tandem.config;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean": the known word nearest to an unknown one by edit distance (Levenshtein), shared
 * by both configuration languages. Ties go to the earlier candidate.
 */
public final class ClosestWord {

    /** Beyond this many candidates a suggestion costs more than it helps (generated configs). */
    public static final int MAX_CANDIDATES = 2000;

    /** Words are compared on at most this many characters, so hostile input stays cheap. */
    private static final int MAX_PROBE = 64;

    private ClosestWord() {}

    /** The nearest candidate, however far; empty when there are none or too many. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        return best(word, candidates).map(Match::word);
    }

    /** The nearest candidate when it is close enough (a third of the word's length) to be a typo. */
    public static Optional<String> likelyTypo(String word, Collection<String> candidates) {
        int allowed = Math.max(1, Math.min(word.length(), MAX_PROBE) / 3);
        return best(word, candidates).filter(m -> m.distance() <= allowed).map(Match::word);
    }

    private record Match(String word, int distance) {}

    private static Optional<Match> best(String word, Collection<String> candidates) {
        if (candidates.size() > MAX_CANDIDATES) {
            return Optional.empty();
        }
        String probe = word.length() > MAX_PROBE ? word.substring(0, MAX_PROBE) : word;
        Match best = null;
        for (String c : candidates) {
            int d = distance(probe, c);
            if (best == null || d < best.distance()) {
                best = new Match(c, d);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance with two rows. */
    public static int distance(String a, String b) {
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
