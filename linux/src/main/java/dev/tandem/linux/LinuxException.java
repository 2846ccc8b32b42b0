package dev.tandem.linux;

import java.io.IOException;

/**
 * A system call or a netlink request failed. Names the call (with the option or message type, e.g.
 * {@code setsockopt(IP_ADD_MEMBERSHIP)}), the errno and its text, and for EPERM/EACCES the capability that
 * was missing, so an operator can act on the message alone.
 */
public final class LinuxException extends IOException {
    private final String call;
    private final int errno;
    private final String strerror;
    private final Capability needed;

    public LinuxException(String call, int errno, String strerror) {
        this(call, errno, strerror, Capability.NONE);
    }

    public LinuxException(String call, int errno, String strerror, Capability needed) {
        super(message(call, errno, strerror, needed));
        this.call = call;
        this.errno = errno;
        this.strerror = strerror;
        this.needed = needed;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }

    public String strerror() {
        return strerror;
    }

    /** The capability named in the message, or NONE when the failure is not a permission problem. */
    public Capability missingCapability() {
        return isPermissionDenied() ? needed : Capability.NONE;
    }

    public boolean is(int expectedErrno) {
        return errno == expectedErrno;
    }

    private boolean isPermissionDenied() {
        return errno == Errno.EPERM || errno == Errno.EACCES;
    }

    private static String message(String call, int errno, String strerror, Capability needed) {
        String base = call + " failed: " + Errno.name(errno) + " (" + strerror + ")";
        if ((errno == Errno.EPERM || errno == Errno.EACCES) && needed != Capability.NONE) {
            return base + "; this needs " + needed + ": run as root or grant it, e.g. systemd AmbientCapabilities="
                    + needed;
        }
        return base;
    }
}
