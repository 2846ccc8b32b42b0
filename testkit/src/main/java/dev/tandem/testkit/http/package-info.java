/** Real HTTP/1.1 and TCP backends on loopback that record exactly what the proxy sent them. */
package dev.tandem.testkit.http;
