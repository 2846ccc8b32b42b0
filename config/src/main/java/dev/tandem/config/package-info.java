/** Reading haproxy.cfg and keepalived.conf into sealed, validated models, with precise diagnostics. */
package dev.tandem.config;
