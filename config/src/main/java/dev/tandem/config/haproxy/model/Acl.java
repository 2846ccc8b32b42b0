package dev.tandem.config.haproxy.model;

import java.util.List;

/**
 * A named ACL. Several {@code acl} lines with the same name are ORed (configuration.txt §7.1).
 */
public record Acl(String name, List<AclTest> tests) {
    public Acl {
        tests = List.copyOf(tests);
    }
}
