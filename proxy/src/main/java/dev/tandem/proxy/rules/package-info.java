/**
 * The rules engine: log-format strings, sample expressions (fetches and converters), ACLs,
 * conditions and http-request/http-response actions. Pure: evaluated against a {@link
 * dev.tandem.proxy.rules.TransactionView}, no IO.
 */
package dev.tandem.proxy.rules;
