/** Access logging: syslog framing (RFC 3164/5424, raw, short) and non-blocking sinks (UDP, unix datagram, stdout). */
package dev.tandem.proxy.log;
