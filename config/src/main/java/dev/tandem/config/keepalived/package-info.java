/**
 * Reads keepalived.conf (keepalived 2.2.7 syntax and semantics) into the sealed model of
 * {@code dev.tandem.config.keepalived.model}, with diagnostics worded as keepalived words them.
 */
package dev.tandem.config.keepalived;
