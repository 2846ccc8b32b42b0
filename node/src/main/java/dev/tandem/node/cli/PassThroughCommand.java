package dev.tandem.node.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * A subcommand that takes another program's command line verbatim ({@code tandem haproxy ...},
 * {@code tandem keepalived ...}): picocli only collects the words, the subclass parses them the
 * way the original program does.
 */
abstract class PassThroughCommand {
    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Parameters(arity = "0..*", hidden = true)
    List<String> words = new ArrayList<>();

    /** The words after the subcommand's name, in their original order. */
    final List<String> originalArgs() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        return List.copyOf(all.subList(all.indexOf(spec.name()) + 1, all.size()));
    }
}
