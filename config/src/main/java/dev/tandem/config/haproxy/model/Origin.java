package dev.tandem.config.haproxy.model;

/** Where a setting was written, so runtime messages can point back at the config line. */
public record Origin(String file, int line) {
    public static final Origin DEFAULT = new Origin("<default>", 0);

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
