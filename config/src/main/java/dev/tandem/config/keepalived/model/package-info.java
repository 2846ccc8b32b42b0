/**
 * The keepalived.conf model: immutable, validated records with keepalived 2.2.7's defaults
 * folded in, so the VRRP engine never re-derives a default.
 */
package dev.tandem.config.keepalived.model;
