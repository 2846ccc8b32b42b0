package dev.tandem.config.haproxy.model;

/** The section a proxy was declared in; a listen is a frontend and a backend of the same name. */
public enum ProxyKind {
    FRONTEND,
    BACKEND,
    LISTEN;

    public boolean isFrontend() {
        return this != BACKEND;
    }

    public boolean isBackend() {
        return this != FRONTEND;
    }

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
