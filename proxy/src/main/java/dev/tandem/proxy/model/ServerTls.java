package dev.tandem.proxy.model;

import dev.tandem.config.haproxy.model.Server;
import dev.tandem.proxy.rules.SampleExpr;
import java.util.Optional;

/**
 * {@code server ... ssl [verify none|required] [ca-file f] [sni expr]} (configuration.txt §5.2).
 *
 * @param sni the expression whose value is sent as server_name, evaluated per stream
 * @param file the config file and line of the server, for start errors
 */
public record ServerTls(Server.ServerTls settings, Optional<SampleExpr> sni, String file, int line) {}
