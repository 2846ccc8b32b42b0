/** VRRP (RFC 3768/5798) with keepalived 2.2.7's behaviour: codecs, state machine, sync groups, tracking, notify. */
package dev.tandem.vrrp;
