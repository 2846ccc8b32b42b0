package dev.tandem.proxy.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One "option httplog" line (configuration.txt §8.2.3), cut into the fields the balancing tests
 * look at. Times are kept as written (-1 when the phase was not reached).
 */
record HttpLogLine(String backend, String server, long tw, long tc, int status, String tsc, int bc, int sc,
        String retries, int sq, int bq, String request) {

    private static final Pattern LINE = Pattern.compile(
            "\\S+ \\[[^\\]]+\\] (\\S+) (\\S+)/(\\S+) (-?\\d+)/(-?\\d+)/(-?\\d+)/(-?\\d+)/(-?\\d+) (-?\\d+) \\d+ \\S+ \\S+ "
                    + "(\\S{4}) \\d+/\\d+/(\\d+)/(\\d+)/(\\+?\\d+) (\\d+)/(\\d+) \"(.*)\"$");

    /** The line, or null when it is not an httplog line (a state-change line, say). */
    static HttpLogLine parse(String datagram) {
        Matcher m = LINE.matcher(datagram);
        if (!m.find()) {
            return null;
        }
        return new HttpLogLine(m.group(2), m.group(3), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                Integer.parseInt(m.group(9)), m.group(10), Integer.parseInt(m.group(11)),
                Integer.parseInt(m.group(12)), m.group(13), Integer.parseInt(m.group(14)),
                Integer.parseInt(m.group(15)), m.group(16));
    }
}
