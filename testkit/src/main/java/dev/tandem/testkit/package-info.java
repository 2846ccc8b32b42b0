/** Test-only helpers: real backends on loopback, network-namespace labs, launchers for real peers. */
package dev.tandem.testkit;
