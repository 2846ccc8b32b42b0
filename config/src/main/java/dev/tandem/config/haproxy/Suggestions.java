package dev.tandem.config.haproxy;

import dev.tandem.config.ClosestWord;
import java.util.Collection;

/** haproxy's "did you mean" wording over {@link ClosestWord}. */
final class Suggestions {

    private Suggestions() {}

    /** The closest candidate, or null when none is close enough to be a likely typo. */
    static String closest(String word, Collection<String> candidates) {
        return ClosestWord.likelyTypo(word, candidates).orElse(null);
    }

    /** "; did you mean 'x'?" or "" — ready to append to a message. */
    static String didYouMean(String word, Collection<String> candidates) {
        String c = closest(word, candidates);
        return c == null ? "" : "; did you mean '" + c + "'?";
    }
}
