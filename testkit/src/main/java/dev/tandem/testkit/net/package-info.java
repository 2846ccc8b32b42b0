/** Ports for tests that no other process can take between choosing them and binding them. */
package dev.tandem.testkit.net;
