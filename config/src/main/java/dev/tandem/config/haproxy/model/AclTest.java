package dev.tandem.config.haproxy.model;

import java.util.List;

/**
 * One {@code <criterion> [flags] [patterns]} test: a sample, how it is matched, and the patterns.
 * Derived keywords such as {@code path_beg} are already split into fetch {@code path} and
 * method {@link MatchMethod#BEG}.
 *
 * @param patternFiles {@code -f <file>} arguments, read by the runtime
 */
public record AclTest(SampleExpr sample, MatchMethod method, boolean ignoreCase, List<String> patterns,
        List<String> patternFiles, Origin origin) {

    public AclTest {
        patterns = List.copyOf(patterns);
        patternFiles = List.copyOf(patternFiles);
    }
}
