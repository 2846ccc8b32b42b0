package dev.tandem.proxy.model;

import java.util.List;

/**
 * A proxy's logging: its targets, the log-format string in force (null = the "Connect from"
 * line of a frontend without httplog/tcplog), and "option dontlognull".
 */
public record Logging(List<LogTarget> targets, String format, boolean dontLogNull) {

    /** configuration.txt §8.2.3, the 1.7+ layout. */
    public static final String HTTPLOG =
            "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";
    /** configuration.txt §8.2.2. */
    public static final String TCPLOG = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq";

    public static final Logging NONE = new Logging(List.of(), null, false);

    public Logging {
        targets = List.copyOf(targets);
    }
}
