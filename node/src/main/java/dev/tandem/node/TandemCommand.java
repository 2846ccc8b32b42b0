package dev.tandem.node;

import picocli.CommandLine.Command;

/** {@code tandem}: one daemon for the proxy and for VRRP failover. */
@Command(name = "tandem", mixinStandardHelpOptions = true, versionProvider = TandemVersion.class,
        description = "HAProxy-compatible load balancer and keepalived-compatible VRRP failover in one process.")
final class TandemCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("usage: tandem check|run|demo|haproxy|keepalived ... (tandem --help)");
    }
}
