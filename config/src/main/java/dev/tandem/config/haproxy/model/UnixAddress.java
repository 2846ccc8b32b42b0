package dev.tandem.config.haproxy.model;

/**
 * A UNIX stream socket address of a {@code bind} or {@code server} line (configuration.txt §2.9.1):
 * a file-system path ({@code /path}, {@code unix@path}) or a name in Linux's abstract namespace
 * ({@code abns@name}), which has no file and no permissions.
 *
 * @param path the path (with the global {@code unix-bind prefix} already applied to a bind's) or the
 *        abstract name
 */
public record UnixAddress(String path, boolean abstractNamespace) {

    /** As haproxy writes it back: {@code unix@/run/app.sock} or {@code abns@name}. */
    @Override
    public String toString() {
        return (abstractNamespace ? "abns@" : "unix@") + path;
    }
}
