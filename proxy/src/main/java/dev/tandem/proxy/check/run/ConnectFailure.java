package dev.tandem.proxy.check.run;

import java.net.SocketAddress;
import java.util.regex.Pattern;

/**
 * The words haproxy puts in a failed connect's "info": the system's error text alone
 * ({@code Connection refused}), without the syscall name or address Netty wraps around it.
 */
final class ConnectFailure {

    /** Netty's native transport: {@code finishConnect(..) failed with error(-111): } or {@code connect(..) failed: }. */
    private static final Pattern SYSCALL_PREFIX = Pattern.compile("^\\S+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");

    private ConnectFailure() {}

    /** e.g. {@code finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:8080} -> {@code Connection refused}. */
    static String info(Throwable failure, SocketAddress remote) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && root.getCause().getMessage() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        String suffix = ": " + remote;
        if (remote != null && message.endsWith(suffix)) {
            message = message.substring(0, message.length() - suffix.length());
        }
        return SYSCALL_PREFIX.matcher(message).replaceFirst("").strip();
    }
}
