package dev.tandem.node;

import picocli.CommandLine;

/** Entry point of the {@code tandem} binary. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new TandemCommand()).execute(args));
    }
}
