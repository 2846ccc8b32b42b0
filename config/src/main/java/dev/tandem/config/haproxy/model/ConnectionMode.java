package dev.tandem.config.haproxy.model;

/**
 * The single HTTP connection mode that results from {@code option http-keep-alive},
 * {@code http-server-close}, {@code httpclose} and their {@code no option} forms: these override
 * each other, the last one wins (haproxy src/cfgparse-listen.c, "HTTP options override each other").
 *
 * @param origin the line that decided it, {@link Origin#DEFAULT} for haproxy's keep-alive default
 */
public record ConnectionMode(HttpConnectionMode mode, Origin origin) {
    public static final ConnectionMode DEFAULT = new ConnectionMode(HttpConnectionMode.KEEP_ALIVE, Origin.DEFAULT);

    public enum HttpConnectionMode {
        KEEP_ALIVE("http-keep-alive"),
        SERVER_CLOSE("http-server-close"),
        CLOSE("httpclose");

        private final String option;

        HttpConnectionMode(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }
    }
}
