package dev.tandem.node.cli;

import picocli.CommandLine.IVersionProvider;

/** The version lines printed by {@code tandem --version} and the compatibility entry points. */
public final class TandemVersion implements IVersionProvider {
    public static final String VERSION = "0.1.0";
    /** The haproxy release whose behaviour Tandem's proxy follows (for -v, -vv and version_atleast). */
    public static final String HAPROXY_COMPAT = "2.6.0";
    /** The keepalived release whose behaviour Tandem's VRRP follows. */
    public static final String KEEPALIVED_COMPAT = "2.2.7";

    @Override
    public String[] getVersion() {
        return new String[] {"Tandem " + VERSION + " (Java " + Runtime.version() + "), follows haproxy "
                + HAPROXY_COMPAT + " and keepalived " + KEEPALIVED_COMPAT};
    }
}
