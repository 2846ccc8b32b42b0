package dev.tandem.node;

import picocli.CommandLine.IVersionProvider;

/** The version line printed by {@code tandem --version}. */
final class TandemVersion implements IVersionProvider {
    static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"Tandem " + VERSION + " (Java " + Runtime.version() + ")"};
    }
}
