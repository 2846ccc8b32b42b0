package dev.tandem.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An eventfd that lets another thread interrupt a {@link #await poll} on a socket. FFM downcalls cannot be
 * interrupted like Java blocking calls, so every socket that a thread waits on owns one of these.
 */
final class Wakeup implements AutoCloseable {
    enum Ready { READABLE, WOKEN, TIMED_OUT }

    private final int eventFd;
    private boolean closed;

    Wakeup() throws LinuxException {
        this.eventFd = Syscalls.eventfd(Sockopt.EFD_NONBLOCK | Sockopt.EFD_CLOEXEC);
    }

    /** A no-op once closed: writing to a closed fd number could hit whatever file reused it. */
    synchronized void signal() throws LinuxException {
        if (closed) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            Syscalls.write(eventFd, arena.allocateFrom(JAVA_LONG, 1L), "write(eventfd)");
        }
    }

    /**
     * Waits until {@code fd} is readable, the wakeup is signalled, or the timeout passes. A negative timeout
     * waits forever. A signal is consumed, so the next call waits again.
     */
    Ready await(int fd, long timeoutMillis) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(Structs.POLLFD, 2);
            long size = Structs.POLLFD.byteSize();
            fds.set(JAVA_INT, 0, fd);
            fds.set(JAVA_SHORT, 4, Sockopt.POLLIN);
            fds.set(JAVA_INT, size, eventFd);
            fds.set(JAVA_SHORT, size + 4, Sockopt.POLLIN);
            int timeout = timeoutMillis < 0 ? -1 : (int) Math.min(timeoutMillis, Integer.MAX_VALUE);
            int ready = Syscalls.poll(fds, 2, timeout);
            if (ready == 0) {
                return Ready.TIMED_OUT;
            }
            if (fds.get(JAVA_SHORT, size + 6) != 0) {
                Syscalls.read(eventFd, arena.allocate(JAVA_LONG), "read(eventfd)");
                return Ready.WOKEN;
            }
            // POLLERR/POLLHUP count as readable: the following recv reports the error itself.
            return Ready.READABLE;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Syscalls.close(eventFd);
        }
    }
}
