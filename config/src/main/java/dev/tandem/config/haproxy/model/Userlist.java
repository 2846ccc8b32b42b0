package dev.tandem.config.haproxy.model;

import java.util.List;

/** A {@code userlist} section. */
public record Userlist(String name, List<User> users, List<String> groups, Origin origin) {
    public Userlist {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }

    /** @param encrypted true for {@code password} (crypt(3) hash), false for {@code insecure-password} */
    public record User(String name, String password, boolean encrypted, List<String> groups) {
        public User {
            groups = List.copyOf(groups);
        }
    }
}
