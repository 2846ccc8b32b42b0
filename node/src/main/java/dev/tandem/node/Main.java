package dev.tandem.node;

import dev.tandem.node.cli.TandemCommand;

/** Entry point of the {@code tandem} binary. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(TandemCommand.execute(args, System.out, System.err));
    }
}
