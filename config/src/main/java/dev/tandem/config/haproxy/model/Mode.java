package dev.tandem.config.haproxy.model;

/** {@code mode tcp|http}; haproxy's default is tcp (configuration.txt "mode"). */
public enum Mode {
    TCP,
    HTTP;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
