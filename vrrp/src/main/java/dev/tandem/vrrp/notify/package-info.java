/** Notify scripts and smtp_alert mail for state transitions, run off the engine's thread with time bounds. */
package dev.tandem.vrrp.notify;
