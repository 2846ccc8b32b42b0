package dev.tandem.proxy.listen;

import dev.tandem.config.haproxy.model.UnixPermissions;
import dev.tandem.proxy.model.UnixSocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * A listening UNIX stream socket made as haproxy 2.6 makes one (sock_unix.c sock_unix_bind_receiver):
 * bound under {@code <path>.<pid>.tmp}, given its owner and mode, then renamed over the path, so a
 * socket left by a previous process (or one still serving: a reload) is replaced at once and never
 * missing; the previous file is kept as {@code <path>.<pid>.bak} until the rename is done and put
 * back when something fails. An abstract name has no file: bound directly, no owner or mode.
 * Stopping closes the socket and leaves the file, as haproxy does.
 */
final class UnixListeningSocket {

    /** Why the socket could not be made, in haproxy's words, ending with the path in brackets. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final int EADDRINUSE = 98;

    private UnixListeningSocket() {
    }

    /** The descriptor of a socket listening at {@code address}, non-blocking. */
    static int open(UnixSocketAddress address, UnixPermissions permissions, int backlog) throws Refused {
        if (address.isAbstract()) {
            return openAbstract(address, backlog);
        }
        String path = address.path();
        long pid = ProcessHandle.current().pid();
        String temp = path + "." + pid + ".tmp";
        String back = path + "." + pid + ".bak";
        if (temp.getBytes(StandardCharsets.UTF_8).length > UnixSocketAddress.SUN_PATH - 1) {
            throw new Refused("name too long for UNIX socket (limit usually 97) [" + path + "]");
        }
        try {
            SocketSyscalls.unlinkIfExists(temp);
            SocketSyscalls.unlinkIfExists(back);
        } catch (SocketSyscalls.Failure e) {
            throw new Refused("error when trying to unlink previous UNIX socket (" + e.getMessage() + ") [" + path + "]");
        }
        try {
            SocketSyscalls.linkIfExists(path, back);
        } catch (SocketSyscalls.Failure e) {
            throw new Refused("error when trying to preserve previous UNIX socket (" + e.getMessage() + ") [" + path
                    + "]");
        }
        int fd;
        try {
            fd = SocketSyscalls.unixStreamSocket();
        } catch (SocketSyscalls.Failure e) {
            quietlyUnlink(back);
            throw new Refused("cannot create receiving socket (" + e.getMessage() + ") [" + path + "]");
        }
        try {
            try {
                SocketSyscalls.bind(fd, UnixSocketAddress.path(temp));
            } catch (SocketSyscalls.Failure e) {
                throw new Refused("cannot bind UNIX socket (" + (e.errno == EADDRINUSE ? "already in use"
                        : e.getMessage()) + ") [" + path + "]");
            }
            try {
                own(temp, path, permissions);
                SocketSyscalls.listen(fd, backlog);
            } catch (Refused | SocketSyscalls.Failure e) {
                quietlyUnlink(temp);
                throw e instanceof Refused r ? r : new Refused("cannot listen to UNIX socket (" + e.getMessage()
                        + ") [" + path + "]");
            }
            try {
                SocketSyscalls.rename(temp, path);
            } catch (SocketSyscalls.Failure e) {
                restore(back, path);
                quietlyUnlink(temp);
                throw new Refused("cannot switch final and temporary UNIX sockets (" + e.getMessage() + ") [" + path
                        + "]");
            }
        } catch (Refused e) {
            SocketSyscalls.close(fd);
            quietlyUnlink(back);
            throw e;
        }
        quietlyUnlink(back);
        return fd;
    }

    private static int openAbstract(UnixSocketAddress address, int backlog) throws Refused {
        int fd;
        try {
            fd = SocketSyscalls.unixStreamSocket();
        } catch (SocketSyscalls.Failure e) {
            throw new Refused("cannot create receiving socket (" + e.getMessage() + ") [" + address + "]");
        }
        try {
            SocketSyscalls.bind(fd, address);
        } catch (SocketSyscalls.Failure e) {
            SocketSyscalls.close(fd);
            throw new Refused("cannot bind UNIX socket (" + (e.errno == EADDRINUSE ? "already in use" : e.getMessage())
                    + ") [" + address + "]");
        }
        try {
            SocketSyscalls.listen(fd, backlog);
        } catch (SocketSyscalls.Failure e) {
            SocketSyscalls.close(fd);
            throw new Refused("cannot listen to UNIX socket (" + e.getMessage() + ") [" + address + "]");
        }
        return fd;
    }

    /**
     * The owner, then the mode, as haproxy sets them on the temporary file (chown, then chmod only
     * with a mode). A user or group name is looked up here, on the machine that runs the socket;
     * haproxy looks it up while parsing.
     */
    private static void own(String temp, String path, UnixPermissions p) throws Refused {
        Path file = Path.of(temp);
        UserPrincipalLookupService names = FileSystems.getDefault().getUserPrincipalLookupService();
        String name = null;
        try {
            if (p.uid().isPresent() || p.gid().isPresent()) {
                SocketSyscalls.chown(temp, p.uid().orElse(-1), p.gid().orElse(-1));
            }
            if (p.user().isPresent()) {
                name = "user name '" + p.user().get() + "'";
                Files.setOwner(file, names.lookupPrincipalByName(p.user().get()));
            }
            if (p.group().isPresent()) {
                name = "group name '" + p.group().get() + "'";
                Files.getFileAttributeView(file, PosixFileAttributeView.class)
                        .setGroup(names.lookupPrincipalByGroupName(p.group().get()));
            }
            if (p.mode().isPresent()) {
                SocketSyscalls.chmod(temp, p.mode().getAsInt());
            }
        } catch (UserPrincipalNotFoundException e) {
            // haproxy's parser: "'user' : unknown user name 'x'"
            throw new Refused("'" + name.substring(0, name.indexOf(' ')) + "' : unknown " + name + " [" + path + "]");
        } catch (SocketSyscalls.Failure e) {
            throw new Refused("cannot change UNIX socket ownership (" + e.getMessage() + ") [" + path + "]");
        } catch (IOException e) {
            String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
            throw new Refused("cannot change UNIX socket ownership (" + why + ") [" + path + "]");
        }
    }

    private static void restore(String back, String path) {
        try {
            SocketSyscalls.rename(back, path);
        } catch (SocketSyscalls.Failure e) {
            if (e.errno == SocketSyscalls.ENOENT) {
                quietlyUnlink(path);
            }
        }
    }

    private static void quietlyUnlink(String path) {
        try {
            SocketSyscalls.unlinkIfExists(path);
        } catch (SocketSyscalls.Failure ignored) {
            // best effort while giving up, as haproxy's error paths do
        }
    }
}
