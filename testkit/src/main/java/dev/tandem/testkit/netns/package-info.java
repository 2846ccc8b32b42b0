/**
 * Network-namespace labs for JUnit: a bridge in a "switch" namespace and hosts joined to it by veth pairs,
 * with code run inside a host as a process ({@code ip netns exec}) or on a thread that entered it with
 * setns(2). Needs root; fails (never skips) without it.
 */
package dev.tandem.testkit.netns;
