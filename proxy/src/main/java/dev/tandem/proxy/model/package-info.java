/**
 * The sealed runtime view of a haproxy configuration: immutable records the data plane runs from.
 * Compiled from the config module's {@code HaproxyConfig}; tests build it directly.
 */
package dev.tandem.proxy.model;
