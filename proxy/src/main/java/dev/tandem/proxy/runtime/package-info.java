/** Live state shared by the streams of one proxy: counters per frontend, backend and server, and their loggers. */
package dev.tandem.proxy.runtime;
