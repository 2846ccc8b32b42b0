package dev.tandem.linux;

/** The Linux capability a call needs, named in the error when the kernel answers EPERM or EACCES. */
public enum Capability {
    /** The call needs no special privilege. */
    NONE,
    /** raw(7) and packet(7) sockets, SO_BINDTODEVICE on old kernels. */
    CAP_NET_RAW,
    /** rtnetlink address changes, IP_TRANSPARENT, setns into a network namespace. */
    CAP_NET_ADMIN
}
