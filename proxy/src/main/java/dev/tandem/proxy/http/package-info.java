/**
 * mode http: the HTTP session, HTTP/1.1 towards servers. A session is an HTTP/1.1 client connection
 * or one stream of an HTTP/2 one ({@code dev.tandem.proxy.h2}); it and its server connection share
 * one event loop; bodies stream with read-after-write backpressure; haproxy's errors and logs.
 */
package dev.tandem.proxy.http;
