/**
 * Health checks as haproxy 2.6 runs them: the rise/fall state machine, check intervals and their
 * spreading, check statuses and the state-change log lines, and the pure parts of the HTTP and
 * tcp-check protocols. No sockets and no wall clock: the IO shell feeds results and time in.
 */
package dev.tandem.proxy.check;
