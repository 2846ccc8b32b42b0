package dev.tandem.config.haproxy;

import java.util.Collection;

/** "Did you mean" for unknown words: the closest known one by edit distance, when it is close. */
final class Suggestions {

    private Suggestions() {}

    /** The closest candidate, or null when none is close enough to be a likely typo. */
    static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = word.length() > 64 ? word.substring(0, 64) : word;
        for (String c : candidates) {
            int d = distance(w, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, w.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** "; did you mean 'x'?" or "" — ready to append to a message. */
    static String didYouMean(String word, Collection<String> candidates) {
        String c = closest(word, candidates);
        return c == null ? "" : "; did you mean '" + c + "'?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
