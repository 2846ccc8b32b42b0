package dev.tandem.config;

/** How bad a {@link Diagnostic} is; only {@link #ERROR} stops a configuration from running. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTICE("notice");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed in {@code file:line: <label>: message}. */
    public String label() {
        return label;
    }
}
