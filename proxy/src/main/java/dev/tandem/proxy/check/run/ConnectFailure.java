package dev.tandem.proxy.check.run;

import java.net.SocketAddress;

/**
 * The words haproxy puts in a failed connect's "info": the system's error text alone
 * ({@code Connection refused}), without the syscall name or address Netty wraps around it.
 */
final class ConnectFailure {

    private ConnectFailure() {}

    /** e.g. {@code finishConnect(..) failed: Connection refused: /127.0.0.1:8080} -> {@code Connection refused}. */
    static String info(Throwable failure, SocketAddress remote) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getCause() != null ? info(failure.getCause(), remote) : failure.getClass().getSimpleName();
        }
        String suffix = ": " + remote;
        if (remote != null && message.endsWith(suffix)) {
            message = message.substring(0, message.length() - suffix.length());
        }
        int failed = message.lastIndexOf("failed: ");
        if (failed >= 0) {
            message = message.substring(failed + "failed: ".length());
        }
        return message.strip();
    }
}
