/** A tiny built-in HTTP server for "tandem demo": answers with its name and the headers it received. */
package dev.tandem.proxy.demo;
