package dev.tandem.config.haproxy.model;

/**
 * Buffer limits (configuration.txt §3.2): a request larger than bufsize - maxrewrite is refused
 * with 400.
 *
 * @param httpMaxHdr maximum header lines, start line included (default 101)
 */
public record Tune(int bufsize, int maxrewrite, int httpMaxHdr) {
    public static final Tune DEFAULT = new Tune(16384, 1024, 101);
}
