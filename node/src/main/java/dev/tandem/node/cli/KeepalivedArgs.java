package dev.tandem.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's command line (keepalived(8)), short and long forms, parsed as keepalived 2.2.7 does.
 * Pure: no IO.
 *
 * @param configFile {@code -f/--use-file}, default /etc/keepalived/keepalived.conf
 * @param configTest {@code -t/--config-test}
 * @param dontFork {@code -n/--dont-fork}
 * @param logConsole {@code -l/--log-console}
 * @param logDetail {@code -D/--log-detail}
 * @param vrrpOnly {@code -P/--vrrp}
 * @param pidFile {@code -p/--pid}
 * @param vrrpPidFile {@code -r/--vrrp_pid}
 * @param checkersPidFile {@code -c/--checkers_pid}
 * @param configId {@code -i/--config-id}: selects {@code @id} conditional lines
 * @param version {@code -v/--version}
 * @param ignored flags accepted that change nothing here
 */
public record KeepalivedArgs(String configFile, boolean configTest, boolean dontFork, boolean logConsole,
        boolean logDetail, boolean vrrpOnly, Optional<String> pidFile, Optional<String> vrrpPidFile,
        Optional<String> checkersPidFile, Optional<String> configId, boolean version, List<String> ignored) {

    public static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";

    public static KeepalivedArgs parse(List<String> argv) throws HaproxyArgs.UsageException {
        String file = DEFAULT_CONFIG;
        boolean test = false;
        boolean noFork = false;
        boolean console = false;
        boolean detail = false;
        boolean vrrp = false;
        boolean version = false;
        String pid = null;
        String vrrpPid = null;
        String checkersPid = null;
        String id = null;
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            String inline = null;
            if (a.startsWith("--") && a.contains("=")) {
                inline = a.substring(a.indexOf('=') + 1);
                a = a.substring(0, a.indexOf('='));
            }
            switch (a) {
                case "-f", "--use-file" -> file = inline != null ? inline : value(argv, ++i, a);
                case "-t", "--config-test" -> {
                    test = true;
                    if (inline != null) {
                        file = inline;
                    }
                }
                case "-n", "--dont-fork" -> noFork = true;
                case "-l", "--log-console" -> console = true;
                case "-D", "--log-detail" -> detail = true;
                case "-P", "--vrrp" -> vrrp = true;
                case "-p", "--pid" -> pid = inline != null ? inline : value(argv, ++i, a);
                case "-r", "--vrrp_pid" -> vrrpPid = inline != null ? inline : value(argv, ++i, a);
                case "-c", "--checkers_pid" -> checkersPid = inline != null ? inline : value(argv, ++i, a);
                case "-i", "--config-id" -> id = inline != null ? inline : value(argv, ++i, a);
                case "-v", "--version" -> version = true;
                case "-S", "--log-facility", "-G", "--namespace" ->
                        ignored.add(a + " " + (inline != null ? inline : value(argv, ++i, a)));
                case "-C", "--check", "-d", "--dump-conf", "-x", "--snmp", "-m", "--core-dump", "-M",
                        "--core-dump-pattern", "-R", "--dont-respawn", "-g", "--log-file", "-s",
                        "--namespace-ipvs", "--no-syslog", "-e", "--all-vrrp-errors" -> ignored.add(a);
                default -> throw new HaproxyArgs.UsageException("unrecognized option '" + argv.get(i) + "'");
            }
        }
        return new KeepalivedArgs(file, test, noFork, console, detail, vrrp, Optional.ofNullable(pid),
                Optional.ofNullable(vrrpPid), Optional.ofNullable(checkersPid), Optional.ofNullable(id), version,
                List.copyOf(ignored));
    }

    private static String value(List<String> argv, int i, String flag) throws HaproxyArgs.UsageException {
        if (i >= argv.size()) {
            throw new HaproxyArgs.UsageException("option '" + flag + "' requires an argument");
        }
        return argv.get(i);
    }
}
