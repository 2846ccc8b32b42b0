/** The sealed, validated haproxy.cfg model the data plane runs on: records only, no raw text. */
package dev.tandem.config.haproxy.model;
