/**
 * mode http: HTTP/1.1 on both sides. The client connection and its server connection share one
 * event loop; bodies stream with read-after-write backpressure; haproxy's errors and logs.
 */
package dev.tandem.proxy.http;
