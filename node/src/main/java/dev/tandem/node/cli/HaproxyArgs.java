package dev.tandem.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * haproxy's command line (management.txt §3, "Starting HAProxy"), parsed the way haproxy parses it,
 * so that an existing service unit or VTest can point at Tandem unchanged. Pure: no IO.
 *
 * @param configs {@code -f} files or directories, in order (also the words after {@code --})
 * @param check {@code -c}: check the configuration and exit
 * @param foreground {@code -d} or {@code -db}: stay in the foreground
 * @param daemon {@code -D}
 * @param masterWorker {@code -W} or {@code -Ws}
 * @param pidFile {@code -p}
 * @param softStopPids {@code -sf}: pids to tell to finish and exit once we listen
 * @param hardStopPids {@code -st}: pids to terminate once we listen
 * @param socketForListeners {@code -x}: stats socket to take listening sockets from
 * @param version 1 for {@code -v}, 2 for {@code -vv}, 0 otherwise
 * @param condition {@code -cc}: a condition to evaluate, exit 0 true / 1 false / 2 error
 * @param ignored flags haproxy accepts that change nothing here (e.g. {@code -L A}, {@code -q})
 */
public record HaproxyArgs(List<String> configs, boolean check, boolean foreground, boolean daemon,
        boolean masterWorker, Optional<String> pidFile, List<Integer> softStopPids, List<Integer> hardStopPids,
        Optional<String> socketForListeners, int version, Optional<String> condition, List<String> ignored) {

    /** A command line haproxy would refuse; the message is what to print. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static HaproxyArgs parse(List<String> argv) throws UsageException {
        List<String> configs = new ArrayList<>();
        List<Integer> sf = new ArrayList<>();
        List<Integer> st = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        boolean check = false;
        boolean fg = false;
        boolean daemon = false;
        boolean mw = false;
        String pid = null;
        String x = null;
        String cc = null;
        int version = 0;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "--" -> {
                    configs.addAll(argv.subList(i + 1, argv.size()));
                    i = argv.size();
                }
                case "-f" -> configs.add(value(argv, ++i, a));
                case "-c" -> check = true;
                case "-d", "-db" -> fg = true;
                case "-D" -> daemon = true;
                case "-W", "-Ws" -> mw = true;
                case "-p" -> pid = value(argv, ++i, a);
                case "-x" -> x = value(argv, ++i, a);
                case "-cc" -> cc = value(argv, ++i, a);
                case "-v" -> version = Math.max(version, 1);
                case "-vv" -> version = 2;
                case "-sf", "-st" -> {
                    List<Integer> into = a.equals("-sf") ? sf : st;
                    // haproxy takes every following word that is not an option as a pid.
                    while (i + 1 < argv.size() && !argv.get(i + 1).startsWith("-")) {
                        String p = argv.get(++i);
                        try {
                            into.add(Integer.parseInt(p));
                        } catch (NumberFormatException e) {
                            throw new UsageException("invalid pid '" + p + "' after " + a);
                        }
                    }
                }
                case "-L", "-C", "-n", "-N", "-S", "-m" -> {
                    ignored.add(a + " " + value(argv, ++i, a));
                }
                case "-q", "-V", "-de", "-dp", "-dS", "-dR", "-dr", "-dV", "-dZ", "-dk", "-dW", "-dD", "-dG" ->
                        ignored.add(a);
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "'");
                    }
                    // haproxy 1.x accepted bare words as config files; so do we.
                    configs.add(a);
                }
            }
        }
        if (version == 0 && cc == null && configs.isEmpty()) {
            throw new UsageException("No configuration file specified (use -f <file|dir>)");
        }
        return new HaproxyArgs(List.copyOf(configs), check, fg, daemon, mw, Optional.ofNullable(pid),
                List.copyOf(sf), List.copyOf(st), Optional.ofNullable(x), version, Optional.ofNullable(cc),
                List.copyOf(ignored));
    }

    private static String value(List<String> argv, int i, String flag) throws UsageException {
        if (i >= argv.size()) {
            throw new UsageException("option '" + flag + "' expects an argument");
        }
        return argv.get(i);
    }
}
