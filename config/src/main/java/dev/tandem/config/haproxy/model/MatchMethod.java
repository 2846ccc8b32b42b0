package dev.tandem.config.haproxy.model;

/** ACL pattern matching methods ({@code -m}), configuration.txt §7.1.3. */
public enum MatchMethod {
    /** Boolean sample: true when non-zero/non-empty, no pattern. */
    BOOL,
    FOUND,
    INT,
    IP,
    BIN,
    LEN,
    STR,
    SUB,
    REG,
    BEG,
    END,
    DIR,
    DOM;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
